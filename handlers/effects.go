package handlers

import (
	"context"
	"fmt"

	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/storage"
)

// LinkAccount links a chat account to an employee. Idempotent: linking the
// same account again changes nothing.
type LinkAccount struct {
	NIP      string
	Platform string
	Account  storage.Account
}

// EffectName implements conversation.Effect.
func (LinkAccount) EffectName() string { return "link_account" }

// Applier writes the flows' effects to the store.
type Applier struct {
	Store storage.Store
}

var _ conversation.Applier = Applier{}

// Apply implements conversation.Applier.
func (a Applier) Apply(ctx context.Context, in conversation.Input, e conversation.Effect) error {
	switch e := e.(type) {
	case LinkAccount:
		return a.Store.LinkAccount(ctx, e.NIP, e.Platform, e.Account)
	default:
		return fmt.Errorf("unknown effect %T", e)
	}
}
