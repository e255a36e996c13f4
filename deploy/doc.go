// Package deploy holds what runs kinerjabot outside the binary, and the
// tests that keep it true to the code: the Kubernetes manifests
// (kubernetes/, a kustomize base and the embedded-store overlay), the
// Prometheus alert rules (prometheus/alerts.yaml) and the Grafana dashboard
// (grafana/kinerjabot.json). The tests check every environment name the
// manifests set against package config, the probes, the pods' security and
// resources, and every metric the rules and the dashboard use against the
// series the running code registers.
package deploy
