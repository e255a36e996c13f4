package deploy

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"go.yaml.in/yaml/v3"

	"github.com/kinerjabot/kinerjabot/app"
	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/whatsapp/whatsapptest"
	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

// registered runs the real App (WhatsApp on, with a fake WhatsApp Web
// connection, so that its gauges are there too), has it handle one update
// and fail one store call, so that the vectors that show only once used
// have their series, scrapes its /metrics and returns every series name it
// serves: histograms with their _bucket, _sum and _count.
func registered(t *testing.T) map[string]bool {
	t.Helper()
	names := map[string]bool{}
	for name, mf := range scrape(t, exercised(t)) {
		names[name] = true
		switch mf.GetType() {
		case dto.MetricType_HISTOGRAM, dto.MetricType_GAUGE_HISTOGRAM:
			names[name+"_bucket"], names[name+"_sum"], names[name+"_count"] = true, true, true
		case dto.MetricType_SUMMARY:
			names[name+"_sum"], names[name+"_count"] = true, true
		}
	}
	return names
}

// exercised builds and runs the App until it handled one update, stops it,
// closes its store and makes one store call fail; it returns its handler.
func exercised(t *testing.T) http.Handler {
	t.Helper()
	ctx := context.Background()
	rdb := redistest.New(t)
	dir := t.TempDir()
	vars := map[string]string{"DATA_DIR": dir, "REDIS_PREFIX": rdb.Prefix, "WHATSAPP_ENABLED": "true", "LOG_LEVEL": "error"}
	cfg, err := config.Load(func(k string) (string, bool) { v, ok := vars[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(ctx, filepath.Join(dir, "kinerjabot.db"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.New(ctx, cfg, slog.New(slog.DiscardHandler), app.WithStore(st), app.WithRedis(rdb),
		app.WithWhatsAppClient(whatsapptest.NewClient("+6281100000000")))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close)
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { _ = a.Run(runCtx); close(done) }()
	u := bot.Update{ID: "deploy-test-1", Platform: bot.Telegram, ChatID: "100", UserID: "100", Kind: bot.KindText, Text: "halo", At: time.Now()}
	if err := a.Engine().Accept(ctx, u); err != nil {
		t.Fatal(err)
	}
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for deadline := time.Now().Add(10 * time.Second); scrape(t, a.Handler())["kinerjabot_updates_total"] == nil; <-tick.C {
		if time.Now().After(deadline) {
			t.Fatal("the update was not handled within 10 s")
		}
	}
	stop()
	<-done
	if err := st.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Store().ListUnits(ctx); err == nil {
		t.Fatal("a closed store answered")
	}
	return a.Handler()
}

func scrape(t *testing.T, h http.Handler) map[string]*dto.MetricFamily {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("/metrics = %d", rec.Code)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	mfs, err := parser.TextToMetricFamilies(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	return mfs
}

// seriesName finds the metric names in a PromQL expression (or an
// annotation's template query): the code's own, and the Go and process
// collectors'.
var seriesName = regexp.MustCompile(`\b(?:kinerjabot|go|process)_[a-zA-Z0-9_]+`)

type ruleFile struct {
	Groups []struct {
		Name  string `yaml:"name"`
		Rules []struct {
			Alert       string            `yaml:"alert"`
			Expr        string            `yaml:"expr"`
			For         string            `yaml:"for"`
			Labels      map[string]string `yaml:"labels"`
			Annotations map[string]string `yaml:"annotations"`
		} `yaml:"rules"`
	} `yaml:"groups"`
}

func readRules(t *testing.T) ruleFile {
	t.Helper()
	b, err := os.ReadFile("prometheus/alerts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var rf ruleFile
	if err := yaml.Unmarshal(b, &rf); err != nil {
		t.Fatal(err)
	}
	return rf
}

type dashboard struct {
	Title  string  `json:"title"`
	Panels []panel `json:"panels"`
}

type panel struct {
	Title   string `json:"title"`
	Type    string `json:"type"`
	Targets []struct {
		Expr string `json:"expr"`
	} `json:"targets"`
	Panels []panel `json:"panels"`
}

func readDashboard(t *testing.T) dashboard {
	t.Helper()
	f, err := os.Open("grafana/kinerjabot.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	var d dashboard
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

// TestRulesAndDashboardUseRegisteredMetrics: every metric an alert rule or a
// dashboard query names is one the code registers and /metrics serves.
func TestRulesAndDashboardUseRegisteredMetrics(t *testing.T) {
	have := registered(t)
	used := func(where, text string) int {
		found := seriesName.FindAllString(text, -1)
		for _, name := range found {
			if !have[name] {
				t.Errorf("%s uses %s, which the code does not register", where, name)
			}
		}
		return len(found)
	}
	for _, g := range readRules(t).Groups {
		for _, r := range g.Rules {
			if used("rule "+r.Alert, r.Expr) == 0 {
				t.Errorf("rule %s names no kinerjabot series: %s", r.Alert, r.Expr)
			}
			for k, v := range r.Annotations {
				used("rule "+r.Alert+" annotation "+k, v)
			}
		}
	}
	var walk func(ps []panel)
	queries := 0
	walk = func(ps []panel) {
		for _, p := range ps {
			for _, tg := range p.Targets {
				queries++
				if used("dashboard panel "+p.Title, tg.Expr) == 0 {
					t.Errorf("dashboard panel %s: query names no series: %s", p.Title, tg.Expr)
				}
			}
			walk(p.Panels)
		}
	}
	walk(readDashboard(t).Panels)
	if queries == 0 {
		t.Error("the dashboard has no queries")
	}
}

// TestRulesAreComplete: each rule waits (for:), has a severity and says
// what happened in Bahasa Indonesia and English; the list of
// conditions each have a rule.
func TestRulesAreComplete(t *testing.T) {
	var alerts []string
	exprs := map[string]string{}
	for _, g := range readRules(t).Groups {
		for _, r := range g.Rules {
			alerts = append(alerts, r.Alert)
			exprs[r.Alert] = r.Expr
			if !strings.HasPrefix(r.Alert, "Kinerjabot") {
				t.Errorf("rule %q: name it Kinerjabot…", r.Alert)
			}
			if _, err := model.ParseDuration(r.For); err != nil || r.For == "" {
				t.Errorf("rule %s: for %q, want a duration", r.Alert, r.For)
			}
			if s := r.Labels["severity"]; s != "warning" && s != "critical" {
				t.Errorf("rule %s: severity %q, want warning or critical", r.Alert, s)
			}
			for _, k := range []string{"summary", "description", "summary_en", "description_en"} {
				if strings.TrimSpace(r.Annotations[k]) == "" {
					t.Errorf("rule %s: no %s", r.Alert, k)
				}
			}
		}
	}
	for _, tc := range []struct {
		condition string
		alert     string
		metric    string
	}{
		{"webhook errors", "KinerjabotWebhookErrors", "kinerjabot_webhook_requests_total"},
		{"inbox depth", "KinerjabotInboxBacklog", "kinerjabot_inbox_queued_chats"},
		{"inbox age", "KinerjabotInboxSlow", "kinerjabot_inbox_wait_seconds_bucket"},
		{"outbound drops", "KinerjabotOutboundDrops", "kinerjabot_outbound_dropped_total"},
		{"WhatsApp stopped", "KinerjabotWhatsAppStopped", "kinerjabot_whatsapp_state"},
		{"store outage", "KinerjabotStoreErrors", "kinerjabot_store_errors_total"},
		{"Redis outage", "KinerjabotRedisErrors", "kinerjabot_redis_errors_total"},
		{"scheduler pass failures", "KinerjabotSchedulerPassFailures", "kinerjabot_scheduler_passes_total"},
		{"reminders behind schedule", "KinerjabotRemindersBehind", "kinerjabot_reminders_behind"},
	} {
		if !slices.Contains(alerts, tc.alert) {
			t.Errorf("%s: no rule %s", tc.condition, tc.alert)
			continue
		}
		if !strings.Contains(exprs[tc.alert], tc.metric) {
			t.Errorf("%s: rule %s does not watch %s", tc.condition, tc.alert, tc.metric)
		}
	}
}
