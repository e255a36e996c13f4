package mongo

import (
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/mongo/readconcern"
	"go.mongodb.org/mongo-driver/v2/mongo/readpref"
	"go.mongodb.org/mongo-driver/v2/mongo/writeconcern"
)

// appName is how the store's connections are named on the server (logs,
// currentOp, the profiler) unless the URI names them.
const appName = "kinerjabot"

// electionWait is how long an operation waits for a server it can use
// (serverSelectionTimeout), unless the URI sets serverSelectionTimeoutMS:
// long enough for a replica set to elect a new primary (electionTimeoutMillis
// is 10 s by default, then the vote and the driver's rediscovery), so that
// an operation caught by an election succeeds late rather than failing.
const electionWait = 12 * time.Second

// operationTimeout bounds each operation whose context has no deadline of
// its own (the driver's client-side timeout, timeoutMS), unless the URI sets
// timeoutMS: an election's wait and the operation itself. Within it the
// driver retries retryable reads and writes as often as it needs to.
const operationTimeout = 15 * time.Second

// override is a setting of the URI the store replaces with its own.
type override struct {
	Setting, URI, Used string
}

// clientOptions are the driver's options for uri: the URI's, with what the
// store's correctness rests on set in code, whatever the URI says, and the
// URI's settings it so replaced (for a log line each).
//
//   - Write concern majority: an acknowledged write survives a failover.
//     With w:1 (the server's default in a primary-secondary-arbiter set) a
//     report confirmed to its owner, or a decision, could be rolled back
//     when the primary changes.
//   - Read concern majority: a read shows only what can no longer be rolled
//     back, so nobody is told of a decision or a report that then vanishes.
//     A majority write is seen by the majority reads that follow it.
//   - Read preference primary: the store reads and then writes on what it
//     read (a resubmission, a reminder claim, a link); a secondary's stale
//     copy would make those steps act on an old state.
//   - Retryable writes and reads on: how the driver carries an operation
//     across an election (see electionWait), applying a write once even
//     when it retries it.
func clientOptions(uri string) (*options.ClientOptions, []override) {
	opts := options.Client().ApplyURI(uri)
	var changed []override
	note := func(setting, uri, used string) { changed = append(changed, override{setting, uri, used}) }
	if wc := opts.WriteConcern; wc != nil && !isMajority(wc) {
		note("w", describeWC(wc), "majority")
	}
	opts.SetWriteConcern(writeconcern.Majority())
	if rc := opts.ReadConcern; rc != nil && rc.Level != "majority" {
		note("readConcernLevel", rc.Level, "majority")
	}
	opts.SetReadConcern(readconcern.Majority())
	if rp := opts.ReadPreference; rp != nil && rp.Mode() != readpref.PrimaryMode {
		note("readPreference", rp.Mode().String(), "primary")
	}
	opts.SetReadPreference(readpref.Primary())
	if opts.RetryWrites != nil && !*opts.RetryWrites {
		note("retryWrites", "false", "true")
	}
	opts.SetRetryWrites(true)
	if opts.RetryReads != nil && !*opts.RetryReads {
		note("retryReads", "false", "true")
	}
	opts.SetRetryReads(true)
	if opts.AppName == nil {
		opts.SetAppName(appName)
	}
	if opts.ServerSelectionTimeout == nil {
		opts.SetServerSelectionTimeout(electionWait)
	}
	if opts.Timeout == nil {
		opts.SetTimeout(operationTimeout)
	}
	return opts, changed
}

// isMajority reports whether wc is w:majority without j:false.
func isMajority(wc *writeconcern.WriteConcern) bool {
	return wc.W == "majority" && (wc.Journal == nil || *wc.Journal)
}

func describeWC(wc *writeconcern.WriteConcern) string {
	s := fmt.Sprint(wc.W)
	if wc.W == nil {
		s = "default"
	}
	if wc.Journal != nil {
		s += fmt.Sprintf(", journal=%t", *wc.Journal)
	}
	return s
}
