package deploy

import (
	"bytes"
	"net"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/server"
)

// env is what a container of w sees: the ConfigMap and Secret it takes
// whole (from objs, in w's directory), then its own env.
func env(t *testing.T, objs []object, w object, c container) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, from := range c.EnvFrom {
		for _, o := range objs {
			if filepath.Dir(o.file) != filepath.Dir(w.file) {
				continue
			}
			switch {
			case from.ConfigMapRef != nil && o.Kind == "ConfigMap" && o.Metadata.Name == from.ConfigMapRef.Name:
				for k, v := range o.Data {
					out[k] = v
				}
			case from.SecretRef != nil && o.Kind == "Secret" && o.Metadata.Name == from.SecretRef.Name:
				for k, v := range o.StringData {
					out[k] = v
				}
			}
		}
	}
	for _, e := range c.Env {
		out[e.Name] = e.Value
	}
	if len(out) == 0 {
		t.Fatalf("%s %s: no environment", w.Kind, w.Metadata.Name)
	}
	return out
}

func load(t *testing.T, vars map[string]string) config.Config {
	t.Helper()
	cfg, err := config.Load(func(k string) (string, bool) { v, ok := vars[k]; return v, ok })
	if err != nil {
		t.Fatalf("the manifests' settings do not load:\n%v", err)
	}
	return cfg
}

// checkPod checks what every kinerjabot pod needs: non-root, read-only
// root filesystem, no capabilities, the runtime's seccomp profile,
// resources, /healthz for readiness (and startup), a writable /tmp, and the
// container port HTTP_ADDR listens on. It returns the settings the pod
// loads and the paths its container mounts.
func checkPod(t *testing.T, objs []object, w object) (config.Config, map[string]bool) {
	t.Helper()
	name := w.file + ": " + w.Kind + " " + w.Metadata.Name
	pod := w.Spec.Template.Spec
	if len(pod.Containers) != 1 {
		t.Fatalf("%s: %d containers, want 1", name, len(pod.Containers))
	}
	c := pod.Containers[0]
	checkSecurity(t, name, pod, c)
	checkResources(t, name, c)
	for what, p := range map[string]*probe{"startup": c.StartupProbe, "readiness": c.ReadinessProbe} {
		if p == nil || p.HTTPGet == nil || p.HTTPGet.Path != server.HealthPath {
			t.Errorf("%s: %s probe is not GET %s", name, what, server.HealthPath)
		}
	}
	if c.LivenessProbe == nil {
		t.Errorf("%s: no liveness probe", name)
	}
	mounts := map[string]bool{}
	for _, m := range c.VolumeMounts {
		mounts[m.MountPath] = true
	}
	if !mounts["/tmp"] {
		t.Errorf("%s: no writable /tmp", name)
	}
	cfg := load(t, env(t, objs, w, c))
	_, port, _ := net.SplitHostPort(cfg.HTTPAddr)
	if len(c.Ports) != 1 || strconv.Itoa(c.Ports[0].ContainerPort) != port {
		t.Errorf("%s: container ports %v, want HTTP_ADDR's %s", name, c.Ports, port)
	}
	return cfg, mounts
}

// checkSecurity: non-root (the image's user), the runtime's seccomp
// profile, read-only root filesystem, no privilege escalation, no
// capabilities.
func checkSecurity(t *testing.T, name string, pod podSpec, c container) {
	t.Helper()
	if pod.SecurityContext.RunAsNonRoot == nil || !*pod.SecurityContext.RunAsNonRoot {
		t.Errorf("%s: pod not runAsNonRoot", name)
	}
	if u := pod.SecurityContext.RunAsUser; u == nil || *u == 0 {
		t.Errorf("%s: pod runs as root", name)
	}
	if pod.SecurityContext.SeccompProfile.Type != "RuntimeDefault" {
		t.Errorf("%s: seccomp profile %q, want RuntimeDefault", name, pod.SecurityContext.SeccompProfile.Type)
	}
	sc := c.SecurityContext
	if sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem {
		t.Errorf("%s: root filesystem not read-only", name)
	}
	if sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot {
		t.Errorf("%s: container not runAsNonRoot", name)
	}
	if sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
		t.Errorf("%s: privilege escalation allowed", name)
	}
	if !slices.Equal(sc.Capabilities.Drop, []string{"ALL"}) {
		t.Errorf("%s: capabilities drop %v, want [ALL]", name, sc.Capabilities.Drop)
	}
}

// checkResources: CPU and memory requests, a memory limit.
func checkResources(t *testing.T, name string, c container) {
	t.Helper()
	for _, r := range []string{"cpu", "memory"} {
		if c.Resources.Requests[r] == "" {
			t.Errorf("%s: no %s request", name, r)
		}
	}
	if c.Resources.Limits["memory"] == "" {
		t.Errorf("%s: no memory limit", name)
	}
}

// TestBotDeployment: three replicas with liveness on /healthz too, the
// settings for Redis and MongoDB, and no data directory volume (nothing is
// written there with both).
func TestBotDeployment(t *testing.T) {
	objs := manifests(t)
	d := find(t, objs, "Deployment", "kinerjabot", filepath.Join(manifestDir, "base", "deployment.yaml"))
	if d.Spec.Replicas == nil || *d.Spec.Replicas != 3 {
		t.Errorf("replicas %v, want 3", d.Spec.Replicas)
	}
	cfg, mounts := checkPod(t, objs, d)
	if p := d.Spec.Template.Spec.Containers[0].LivenessProbe; p == nil || p.HTTPGet == nil || p.HTTPGet.Path != server.HealthPath {
		t.Errorf("liveness probe is not GET %s", server.HealthPath)
	}
	if cfg.MongoURI == "" || cfg.RedisURL == "" || cfg.WhatsAppEnabled || !cfg.Webhook() {
		t.Errorf("the replicas want MongoDB, Redis, the webhook and no WhatsApp: MongoDB %t, Redis %t, mode %s, WhatsApp %t",
			cfg.MongoURI != "", cfg.RedisURL != "", cfg.TelegramMode, cfg.WhatsAppEnabled)
	}
	if mounts[cfg.DataDir] {
		t.Errorf("DATA_DIR %s is mounted in the replicated Deployment", cfg.DataDir)
	}
	ing := find(t, objs, "Ingress", "kinerjabot", filepath.Join(manifestDir, "base", "ingress.yaml"))
	var paths []string
	for _, r := range ing.Spec.Rules {
		for _, p := range r.HTTP.Paths {
			if p.Backend.Service.Name != "kinerjabot" {
				t.Errorf("Ingress path %s goes to %s", p.Path, p.Backend.Service.Name)
			}
			paths = append(paths, p.Path)
		}
	}
	for _, want := range []string{cfg.WebhookPath(), "/console/"} {
		if !slices.Contains(paths, want) {
			t.Errorf("Ingress paths %v lack %s", paths, want)
		}
	}
	for _, never := range []string{server.HealthPath, "/metrics", "/admin/whatsapp", "/"} {
		if slices.Contains(paths, never) {
			t.Errorf("Ingress exposes %s", never)
		}
	}
}

// TestWhatsAppPod: WhatsApp runs in one pod only, with its session on a
// volume at DATA_DIR.
func TestWhatsAppPod(t *testing.T) {
	objs := manifests(t)
	s := find(t, objs, "StatefulSet", "kinerjabot-whatsapp", filepath.Join(manifestDir, "base", "whatsapp.yaml"))
	if s.Spec.Replicas == nil || *s.Spec.Replicas != 1 {
		t.Errorf("WhatsApp replicas %v, want 1", s.Spec.Replicas)
	}
	cfg, mounts := checkPod(t, objs, s)
	if !cfg.WhatsAppEnabled || cfg.WhatsAppDBURL != "" || !mounts[cfg.DataDir] {
		t.Errorf("the WhatsApp pod wants WHATSAPP_ENABLED and its session on a volume at DATA_DIR (%s)", cfg.DataDir)
	}
	enabled := 0
	for _, o := range objs {
		workload := o.Kind == "Deployment" || o.Kind == "StatefulSet"
		if !workload || filepath.Dir(o.file) != filepath.Dir(s.file) { // the base, not an overlay's patch
			continue
		}
		if c := o.Spec.Template.Spec.Containers; len(c) == 1 && load(t, env(t, objs, o, c[0])).WhatsAppEnabled {
			enabled++
		}
	}
	if enabled != 1 {
		t.Errorf("%d workloads run WhatsApp, want 1", enabled)
	}
}

// TestRenderedVariants renders both kustomizations with kubectl (skipped
// where it is not installed): the embedded variant is one pod, replaced by
// stopping the old one, with DATA_DIR on a volume and no MongoDB or Redis.
func TestRenderedVariants(t *testing.T) {
	kubectl, err := exec.LookPath("kubectl")
	if err != nil {
		t.Skip("kubectl not installed: the kustomizations are not rendered")
	}
	render := func(dir string) []object {
		out, err := exec.Command(kubectl, "kustomize", dir).CombinedOutput()
		if err != nil {
			t.Fatalf("kubectl kustomize %s: %v\n%s", dir, err, out)
		}
		objs, err := readObjects(bytes.NewReader(out), dir)
		if err != nil {
			t.Fatal(err)
		}
		return objs
	}
	prod := render(manifestDir)
	kinds := map[string]int{}
	for _, o := range prod {
		kinds[o.Kind]++
	}
	for _, k := range []string{"Deployment", "StatefulSet", "Service", "Ingress", "PodDisruptionBudget", "HorizontalPodAutoscaler", "ConfigMap", "Secret"} {
		if kinds[k] == 0 {
			t.Errorf("%s renders no %s", manifestDir, k)
		}
	}
	emb := render(filepath.Join(manifestDir, "embedded"))
	var workloads []object
	for _, o := range emb {
		switch o.Kind {
		case "Deployment", "StatefulSet":
			workloads = append(workloads, o)
		case "HorizontalPodAutoscaler", "PodDisruptionBudget":
			t.Errorf("the embedded variant has a %s", o.Kind)
		}
	}
	if len(workloads) != 1 {
		t.Fatalf("the embedded variant has %d workloads, want 1", len(workloads))
	}
	d := workloads[0]
	if d.Spec.Replicas == nil || *d.Spec.Replicas != 1 || d.Spec.Strategy.Type != "Recreate" {
		t.Errorf("embedded: replicas %v, strategy %q; want 1, Recreate", d.Spec.Replicas, d.Spec.Strategy.Type)
	}
	cfg, mounts := checkPod(t, emb, d)
	if cfg.MongoURI != "" || cfg.RedisURL != "" || !mounts[cfg.DataDir] {
		t.Errorf("embedded: want no MongoDB, no Redis and DATA_DIR (%s) on a volume", cfg.DataDir)
	}
}
