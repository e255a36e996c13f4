package conversation

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/bot"
)

// runAccept runs the accept script. With Options.WaitReplicas it also sends
// WAIT in the same pipeline, hence on the same connection (WAIT waits for
// that connection's writes) and, on a Redis Cluster, to the master of the
// chat's slot: one round trip still. The script's result is returned even
// when the replicas fell short, with an error wrapping
// bot.ErrNotReplicated.
func (e *Engine) runAccept(ctx context.Context, keys []string, args ...any) ([]any, error) {
	if e.opt.WaitReplicas <= 0 {
		return acceptScript.Run(ctx, e.rdb, keys, args...).Slice()
	}
	node := redis.Cmdable(e.rdb)
	if cc, ok := ClusterOf(e.rdb); ok {
		n, err := cc.MasterForKey(ctx, keys[0])
		if err != nil {
			return nil, err
		}
		node = n
	}
	v, acked, err := acceptWaiting(ctx, node, keys, e.opt.WaitReplicas, e.opt.WaitTimeout, false, args)
	if err != nil && isNoScript(err) {
		// That master lost its script cache (a restart, a failover): send the script itself.
		v, acked, err = acceptWaiting(ctx, node, keys, e.opt.WaitReplicas, e.opt.WaitTimeout, true, args)
	}
	if err != nil {
		return nil, err
	}
	if acked < int64(e.opt.WaitReplicas) {
		e.opt.Observer.RedisError("wait")
		return v, fmt.Errorf("%w: %d of %d replicas within %s", bot.ErrNotReplicated, acked, e.opt.WaitReplicas, e.opt.WaitTimeout)
	}
	return v, nil
}

// acceptWaiting pipelines the accept script (by its hash, or whole) and WAIT.
func acceptWaiting(ctx context.Context, node redis.Cmdable, keys []string, replicas int, timeout time.Duration, whole bool, args []any) ([]any, int64, error) {
	var script *redis.Cmd
	var wait *redis.Cmd
	_, _ = node.Pipelined(ctx, func(p redis.Pipeliner) error {
		if whole {
			script = acceptScript.Eval(ctx, p, keys, args...)
		} else {
			script = acceptScript.EvalSha(ctx, p, keys, args...)
		}
		// (Pipeliner lacks Wait; the timeout stays below the read timeout, see config.)
		wait = p.Do(ctx, "wait", replicas, timeout.Milliseconds())
		return nil
	})
	v, err := script.Slice()
	if err != nil {
		return nil, 0, err
	}
	acked, err := wait.Int64()
	if err != nil {
		return nil, 0, fmt.Errorf("wait for replicas: %w", err)
	}
	return v, acked, nil
}

// ReplicasOnline is how many replicas the Redis node (a master) has
// connected now (INFO replication).
func ReplicasOnline(ctx context.Context, node redis.Cmdable) (int, error) {
	info, err := node.Info(ctx, "replication").Result()
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(info, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "connected_slaves:"); ok {
			return strconv.Atoi(v)
		}
	}
	return 0, fmt.Errorf("INFO replication has no connected_slaves")
}
