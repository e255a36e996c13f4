package deploy

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/kinerjabot/kinerjabot/config"
)

// object is the part of a Kubernetes object the tests read.
type object struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Metadata   struct {
		Name string `yaml:"name"`
	} `yaml:"metadata"`
	Data       map[string]string `yaml:"data"`
	StringData map[string]string `yaml:"stringData"`
	Spec       spec              `yaml:"spec"`
	file       string
}

type spec struct {
	Replicas *int `yaml:"replicas"`
	Strategy struct {
		Type string `yaml:"type"`
	} `yaml:"strategy"`
	Template struct {
		Spec podSpec `yaml:"spec"`
	} `yaml:"template"`
	VolumeClaimTemplates []struct {
		Metadata struct {
			Name string `yaml:"name"`
		} `yaml:"metadata"`
	} `yaml:"volumeClaimTemplates"`
	// Ingress.
	Rules []struct {
		HTTP struct {
			Paths []struct {
				Path    string `yaml:"path"`
				Backend struct {
					Service struct {
						Name string `yaml:"name"`
					} `yaml:"service"`
				} `yaml:"backend"`
			} `yaml:"paths"`
		} `yaml:"http"`
	} `yaml:"rules"`
}

type podSpec struct {
	SecurityContext struct {
		RunAsNonRoot   *bool `yaml:"runAsNonRoot"`
		RunAsUser      *int  `yaml:"runAsUser"`
		SeccompProfile struct {
			Type string `yaml:"type"`
		} `yaml:"seccompProfile"`
	} `yaml:"securityContext"`
	Containers []container `yaml:"containers"`
	Volumes    []struct {
		Name     string    `yaml:"name"`
		EmptyDir *struct{} `yaml:"emptyDir"`
	} `yaml:"volumes"`
}

type container struct {
	Name  string `yaml:"name"`
	Ports []struct {
		ContainerPort int `yaml:"containerPort"`
	} `yaml:"ports"`
	Env []struct {
		Name  string `yaml:"name"`
		Value string `yaml:"value"`
	} `yaml:"env"`
	EnvFrom []struct {
		ConfigMapRef *struct {
			Name string `yaml:"name"`
		} `yaml:"configMapRef"`
		SecretRef *struct {
			Name string `yaml:"name"`
		} `yaml:"secretRef"`
	} `yaml:"envFrom"`
	StartupProbe   *probe `yaml:"startupProbe"`
	ReadinessProbe *probe `yaml:"readinessProbe"`
	LivenessProbe  *probe `yaml:"livenessProbe"`
	Resources      struct {
		Requests map[string]string `yaml:"requests"`
		Limits   map[string]string `yaml:"limits"`
	} `yaml:"resources"`
	SecurityContext struct {
		RunAsNonRoot             *bool `yaml:"runAsNonRoot"`
		ReadOnlyRootFilesystem   *bool `yaml:"readOnlyRootFilesystem"`
		AllowPrivilegeEscalation *bool `yaml:"allowPrivilegeEscalation"`
		Capabilities             struct {
			Drop []string `yaml:"drop"`
		} `yaml:"capabilities"`
	} `yaml:"securityContext"`
	VolumeMounts []struct {
		Name      string `yaml:"name"`
		MountPath string `yaml:"mountPath"`
	} `yaml:"volumeMounts"`
}

type probe struct {
	HTTPGet *struct {
		Path string `yaml:"path"`
	} `yaml:"httpGet"`
	TCPSocket *struct{} `yaml:"tcpSocket"`
}

// kustomization is the part of a kustomization.yaml the tests read.
type kustomization struct {
	Resources []string `yaml:"resources"`
	Patches   []struct {
		Path string `yaml:"path"`
	} `yaml:"patches"`
}

// runtimeNames are environment names the manifests set that are not
// kinerjabot's settings.
var runtimeNames = map[string]string{
	"GOMEMLIMIT": "the Go runtime's soft memory limit, below the container's",
}

// leftOut are settings the example ConfigMap and Secret deliberately do not
// set, with why (configmap.yaml shows them in comments).
var leftOut = map[string]string{
	"REDIS_SENTINEL_ADDRS":  "selects Sentinel mode: set instead of REDIS_URL, never empty alongside it",
	"REDIS_SENTINEL_MASTER": "selects Sentinel mode with REDIS_SENTINEL_ADDRS",
	"REDIS_CLUSTER_ADDRS":   "selects Cluster mode: set instead of REDIS_URL",
}

// secretName says whether a setting holds a credential or personal data and
// belongs in the Secret, never in the ConfigMap.
func secretName(name string) bool {
	for _, s := range []string{"TOKEN", "SECRET", "PASSWORD", "PHONE"} {
		if strings.Contains(name, s) {
			return true
		}
	}
	switch name {
	case "MONGODB_URI", "REDIS_URL", "WHATSAPP_DB_URL": // may carry a password
		return true
	}
	return false
}

// configNames are the env tags of config.Config, embedded structs included.
func configNames() map[string]bool {
	out := map[string]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := range t.NumField() {
			f := t.Field(i)
			if f.Anonymous && f.Type.Kind() == reflect.Struct {
				walk(f.Type)
				continue
			}
			if name, _, _ := strings.Cut(f.Tag.Get("env"), ","); name != "" {
				out[name] = true
			}
		}
	}
	walk(reflect.TypeFor[config.Config]())
	return out
}

const manifestDir = "kubernetes"

// readObjects decodes every document of r.
func readObjects(r io.Reader, file string) ([]object, error) {
	var out []object
	dec := yaml.NewDecoder(r)
	for {
		var o object
		err := dec.Decode(&o)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if o.Kind != "" {
			o.file = file
			out = append(out, o)
		}
	}
}

// manifests reads every YAML file under kubernetes/ (kustomizations
// excepted); patches come back too, marked by their file.
func manifests(t *testing.T) []object {
	t.Helper()
	var out []object
	err := filepath.WalkDir(manifestDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".yaml" || d.Name() == "kustomization.yaml" {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		objs, err := readObjects(bytes.NewReader(b), path)
		if err != nil {
			return err
		}
		if len(objs) == 0 {
			t.Errorf("%s: no Kubernetes object", path)
		}
		out = append(out, objs...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func find(t *testing.T, objs []object, kind, name, file string) object {
	t.Helper()
	for _, o := range objs {
		if o.Kind == kind && o.Metadata.Name == name && o.file == file {
			return o
		}
	}
	t.Fatalf("no %s %s in %s", kind, name, file)
	return object{}
}

// TestKustomizationsListEveryManifest: each kustomization's resources and
// patches exist, and every manifest is used by one of them.
func TestKustomizationsListEveryManifest(t *testing.T) {
	used := map[string]bool{}
	err := filepath.WalkDir(manifestDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.Name() != "kustomization.yaml" {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var k kustomization
		if err := yaml.Unmarshal(b, &k); err != nil {
			return err
		}
		dir := filepath.Dir(path)
		refs := k.Resources
		for _, p := range k.Patches {
			if p.Path != "" {
				refs = append(refs, p.Path)
			}
		}
		for _, r := range refs {
			target := filepath.Join(dir, r)
			if _, err := os.Stat(target); err != nil {
				t.Errorf("%s: %s: %v", path, r, err)
			}
			used[target] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range manifests(t) {
		if !used[o.file] {
			t.Errorf("%s is in no kustomization.yaml", o.file)
		}
	}
}

// TestEnvironmentNamesAreSettings: every name the manifests set (ConfigMap
// and Secret keys, containers' env) is a setting in package config, and no
// ConfigMap holds a secret.
func TestEnvironmentNamesAreSettings(t *testing.T) {
	known := configNames()
	check := func(file, where, name string) {
		if !known[name] && runtimeNames[name] == "" {
			t.Errorf("%s: %s sets %s, which is not a setting in package config", file, where, name)
		}
	}
	for _, o := range manifests(t) {
		for name := range o.Data {
			check(o.file, "ConfigMap "+o.Metadata.Name, name)
			if secretName(name) {
				t.Errorf("%s: %s is a secret; put it in the Secret", o.file, name)
			}
		}
		for name := range o.StringData {
			check(o.file, "Secret "+o.Metadata.Name, name)
		}
		for _, c := range o.Spec.Template.Spec.Containers {
			for _, e := range c.Env {
				check(o.file, o.Kind+" "+o.Metadata.Name, e.Name)
			}
		}
	}
}

// TestExampleHasEverySetting: the base ConfigMap and Secret together set
// every setting of package config but those left out with a reason, and
// the Secret only secrets.
func TestExampleHasEverySetting(t *testing.T) {
	known := configNames()
	objs := manifests(t)
	base := filepath.Join(manifestDir, "base")
	inBase := map[string]bool{}
	for k := range find(t, objs, "ConfigMap", "kinerjabot", filepath.Join(base, "configmap.yaml")).Data {
		inBase[k] = true
	}
	for k := range find(t, objs, "Secret", "kinerjabot-secrets", filepath.Join(base, "secret.yaml")).StringData {
		if !secretName(k) {
			t.Errorf("secret.yaml holds %s, which is no secret: move it to the ConfigMap", k)
		}
		inBase[k] = true
	}
	for name := range known {
		if !inBase[name] && leftOut[name] == "" {
			t.Errorf("setting %s is in neither base/configmap.yaml nor base/secret.yaml (nor in leftOut, with why)", name)
		}
	}
	for name := range leftOut {
		if inBase[name] {
			t.Errorf("%s is set in base, yet listed in leftOut", name)
		}
		if !known[name] {
			t.Errorf("leftOut names %s, which is no setting", name)
		}
	}
}
