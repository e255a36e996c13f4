package mongo

import (
	"slices"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo/readpref"
)

func TestClientOptions(t *testing.T) {
	cases := []struct {
		name      string
		uri       string
		overrides []string // settings replaced, in order
		app       string
		selection time.Duration
		timeout   time.Duration
	}{
		{"nothing set", "mongodb://a,b,c/?replicaSet=rs0", nil, appName, electionWait, operationTimeout},
		{"what a PSA set defaults to, and a reporting secondary",
			"mongodb://a,b/?replicaSet=rs0&w=1&readPreference=secondary&readConcernLevel=local&retryWrites=false&retryReads=false",
			[]string{"w", "readConcernLevel", "readPreference", "retryWrites", "retryReads"}, appName, electionWait, operationTimeout},
		{"primaryPreferred reads a secondary during an election", "mongodb://a/?readPreference=primaryPreferred",
			[]string{"readPreference"}, appName, electionWait, operationTimeout},
		{"majority without journal", "mongodb://a/?w=majority&journal=false", []string{"w"}, appName, electionWait, operationTimeout},
		{"the store's own settings, and the operator's timeouts and name",
			"mongodb://a/?w=majority&readConcernLevel=majority&readPreference=primary&retryWrites=true&appName=ops&serverSelectionTimeoutMS=200&timeoutMS=5000",
			nil, "ops", 200 * time.Millisecond, 5 * time.Second},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts, changed := clientOptions(c.uri)
			if err := opts.Validate(); err != nil {
				t.Fatalf("options invalid: %v", err)
			}
			var got []string
			for _, o := range changed {
				got = append(got, o.Setting)
			}
			if !slices.Equal(got, c.overrides) {
				t.Errorf("overrides = %v, want %v", got, c.overrides)
			}
			if w := opts.WriteConcern; w == nil || !isMajority(w) {
				t.Errorf("write concern = %+v, want majority", w)
			}
			if rc := opts.ReadConcern; rc == nil || rc.Level != "majority" {
				t.Errorf("read concern = %+v, want majority", rc)
			}
			if rp := opts.ReadPreference; rp == nil || rp.Mode() != readpref.PrimaryMode {
				t.Errorf("read preference = %v, want primary", rp)
			}
			if !*opts.RetryWrites || !*opts.RetryReads {
				t.Error("retryable writes or reads off")
			}
			if *opts.AppName != c.app || *opts.ServerSelectionTimeout != c.selection || *opts.Timeout != c.timeout {
				t.Errorf("appName %s, serverSelectionTimeout %v, timeout %v; want %s, %v, %v",
					*opts.AppName, *opts.ServerSelectionTimeout, *opts.Timeout, c.app, c.selection, c.timeout)
			}
		})
	}
}

// An election must fit in the wait for a server, and the wait in an
// operation's timeout.
func TestBudgetOutlastsAnElection(t *testing.T) {
	const election = 10*time.Second + time.Second // electionTimeoutMillis, then the vote
	if electionWait < election || operationTimeout <= electionWait {
		t.Errorf("electionWait %v, operationTimeout %v: want %v <= wait < timeout", electionWait, operationTimeout, election)
	}
}
