package bot

import "errors"

// ErrNotReplicated is what Inbox.Accept returns when the update is
// recorded on the Redis master but did not reach the replicas asked for in
// time: a failover now could lose it, so the adapter must not confirm it
// (Telegram's webhook answers 503 and Telegram delivers it again; the
// WhatsApp inbox does not acknowledge it). The redelivery is dropped as a
// duplicate if the first one survived.
var ErrNotReplicated = errors.New("update not yet on enough Redis replicas")
