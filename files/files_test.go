package files

import (
	"context"
	"errors"
	"testing"
)

func TestRegistry(t *testing.T) {
	reg := NewRegistry()
	reg.Register("echo", MakerFunc(func(_ context.Context, args string) ([]byte, error) { return []byte(args), nil }))
	boom := errors.New("boom")
	reg.Register("fail", MakerFunc(func(context.Context, string) ([]byte, error) { return nil, boom }))
	tests := []struct {
		name, ref string
		want      string
		err       error
	}{
		{"arguments go to the kind's maker", Ref("echo", "a=1:b"), "a=1:b", nil},
		{"empty arguments", "echo:", "", nil},
		{"unknown kind", "export:x", "", ErrUnknownKind},
		{"no colon", "echo", "", nil},
		{"maker failure kept", "fail:x", "", boom},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := reg.MakeFile(t.Context(), tt.ref)
			if !errors.Is(err, tt.err) || string(got) != tt.want {
				t.Errorf("MakeFile(%q) = %q, %v; want %q, %v", tt.ref, got, err, tt.want, tt.err)
			}
		})
	}
}

func TestRegisterRefusesMistakes(t *testing.T) {
	m := MakerFunc(func(context.Context, string) ([]byte, error) { return nil, nil })
	for name, f := range map[string]func(r *Registry){
		"twice":      func(r *Registry) { r.Register("a", m); r.Register("a", m) },
		"colon":      func(r *Registry) { r.Register("a:b", m) },
		"empty":      func(r *Registry) { r.Register("", m) },
		"nil maker":  func(r *Registry) { r.Register("a", nil) },
		"upper case": func(r *Registry) { r.Register("Export", m) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			f(NewRegistry())
		})
	}
}
