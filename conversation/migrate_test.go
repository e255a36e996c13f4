package conversation

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// What the key layout before the shards left (a conversation in progress,
// two updates waiting, the chat in the old ready set) is moved at start:
// the updates are handled in order on that conversation, and the old keys
// are gone.
func TestUpgradeMovesTheOldLayout(t *testing.T) {
	f := newFixture(t)
	if _, ok := ClusterOf(f.rdb); ok {
		t.Skip("the layout before the shards never ran on a Redis Cluster")
	}
	ctx := context.Background()
	p := f.rdb.Prefix
	old := []string{p + "inbox:telegram:1600", p + "session:telegram:1600", p + "ready"}
	for i, s := range []string{"a", "b"} {
		raw, err := encodeUpdate(text("1600", i+1, s))
		if err != nil {
			t.Fatal(err)
		}
		f.rdb.RPush(ctx, old[0], raw)
	}
	f.rdb.HSet(ctx, old[1], "v", "3", "d", `{"flow":"seq","data":{"seq":["x"]}}`)
	f.rdb.ZAdd(ctx, old[2], redis.Z{Score: float64(time.Now().UnixMilli()), Member: "telegram:1600"})

	f.engine(t, true)
	for _, want := range []string{"got a", "got b"} {
		if r := f.snd.next(t); r.Text != want {
			t.Fatalf("reply %q, want %q", r.Text, want)
		}
	}
	waitIdle(t, f, "1600")
	s, v := f.session(t, "1600")
	if fmt.Sprint(seqOf(t, s)) != "[x a b]" || v != 5 {
		t.Fatalf("session v=%d seq=%v, want v=5 [x a b]: the conversation did not go on", v, seqOf(t, s))
	}
	if n := f.rdb.Exists(ctx, old...).Val(); n != 0 {
		t.Fatalf("%d keys of the old layout left", n)
	}
}
