package handlers

import "testing"

// A nil log discards the router's logs, as with every constructor taking
// a logger.
func TestNewWithNilLogDiscards(t *testing.T) {
	r := New(rosterStore(t), nil, Options{})
	r.log.Warn("into nothing")
}
