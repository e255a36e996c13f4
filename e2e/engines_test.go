package e2e

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
	"github.com/kinerjabot/kinerjabot/storage"
)

// engineSettings are the bot's Redis settings for a test engine: the
// Sentinel's master (waiting for its replica before each acknowledgement)
// or the Cluster's seeds; none for the default Redis.
func engineSettings(m redistest.EngineMode) map[string]string {
	switch m {
	case redistest.Sentinel:
		master, addrs := redistest.SentinelAddrs()
		return map[string]string{"REDIS_SENTINEL_MASTER": master, "REDIS_SENTINEL_ADDRS": strings.Join(addrs, ","),
			"REDIS_WAIT_REPLICAS": "1", "REDIS_WAIT_TIMEOUT": "1s"}
	case redistest.Cluster:
		return map[string]string{"REDIS_CLUSTER_ADDRS": strings.Join(redistest.ClusterAddrs(), ",")}
	}
	return nil
}

// Registration, a report and its approval, with the bot reaching Redis's
// scale-out engines through its own settings (REDIS_CLUSTER_ADDRS;
// REDIS_SENTINEL_* with REDIS_WAIT_REPLICAS=1) and the real Telegram
// client: the conversation state is on that engine.
func TestReportFlowOnRedisEngines(t *testing.T) {
	for _, m := range []redistest.EngineMode{redistest.Cluster, redistest.Sentinel} {
		t.Run(string(m), func(t *testing.T) {
			h, rina, budi, _ := setupWith(t, harnessOpt{engine: m})
			prompt := budi.submit("Posyandu lansia di RT 07 Sempaja Utara")
			contains(t, prompt.Text, "Posyandu lansia")
			note := rina.press(prompt, "✅ Setujui", 1)[0]
			contains(t, note.Text, "✅ Disetujui oleh dr. Rina Wulandari")
			a := h.activities(t, nipBudi)
			if len(a) != 1 || a[0].Status != storage.StatusApproved {
				t.Fatalf("stored reports = %+v", a)
			}
			session := conversation.ChatKey(h.rdb.Prefix, "session", "telegram:"+strconv.Itoa(chatBudi))
			if n := h.rdb.Exists(context.Background(), session).Val(); n != 1 {
				t.Fatalf("no session of Budi's chat on the %s engine", m)
			}
		})
	}
}
