package app

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/conversation"
)

// redisClient builds the client of the configured Redis: one node
// (REDIS_URL), a Sentinel-watched master or a Redis Cluster; where names
// the servers for the log (no password). The in-process server is not
// built here (openRedis).
func redisClient(cfg config.Config) (c redis.UniversalClient, where string, err error) {
	pool := redisPool(cfg)
	switch cfg.RedisMode() {
	case config.RedisSentinel:
		c = redis.NewFailoverClient(&redis.FailoverOptions{
			MasterName: cfg.RedisSentinelMaster, SentinelAddrs: cfg.SentinelAddrs(),
			SentinelPassword: cfg.RedisSentinelPassword,
			Username:         cfg.RedisUsername, Password: cfg.RedisPassword, PoolSize: pool,
			ReadBufferSize: redisBuffer, WriteBufferSize: redisBuffer,
			PipelineReadBufferSize: redisPipelineBuffer, PipelineWriteBufferSize: redisPipelineBuffer,
		})
		return c, "sentinel master " + cfg.RedisSentinelMaster + " via " + strings.Join(cfg.SentinelAddrs(), ","), nil
	case config.RedisCluster:
		c = redis.NewClusterClient(&redis.ClusterOptions{
			Addrs:    cfg.ClusterAddrs(),
			Username: cfg.RedisUsername, Password: cfg.RedisPassword, PoolSize: pool,
			// No pipeline buffer sizes: on a cluster client they would
			// create a pipeline pool of its own.
			ReadBufferSize: redisBuffer, WriteBufferSize: redisBuffer,
		})
		return c, "cluster via " + strings.Join(cfg.ClusterAddrs(), ","), nil
	}
	opt, err := redis.ParseURL(cfg.RedisURL)
	if err != nil {
		return nil, "", fmt.Errorf("REDIS_URL: %w", err)
	}
	if opt.PoolSize == 0 { // not set in the URL (?pool_size=)
		opt.PoolSize = pool
	}
	opt.ReadBufferSize, opt.WriteBufferSize = redisBuffer, redisBuffer
	opt.PipelineReadBufferSize = cmp.Or(opt.PipelineReadBufferSize, redisPipelineBuffer) // unless the URL sets them
	opt.PipelineWriteBufferSize = cmp.Or(opt.PipelineWriteBufferSize, redisPipelineBuffer)
	if cfg.RedisPassword != "" && opt.Password == "" {
		opt.Username, opt.Password = cfg.RedisUsername, cfg.RedisPassword
	}
	return redis.NewClient(opt), opt.Addr, nil
}

// connectRedis builds the configured Redis's client and checks it answers.
func connectRedis(ctx context.Context, cfg config.Config) (redis.UniversalClient, string, error) {
	c, where, err := redisClient(cfg)
	if err != nil {
		return nil, "", err
	}
	if err := c.Ping(ctx).Err(); err != nil {
		c.Close()
		return nil, "", fmt.Errorf("connect to Redis (%s): %w", where, err)
	}
	return c, where, nil
}

// scanKeys calls fn with every key matching pattern: on a Redis Cluster on
// every master (a SCAN sees one node's keys only).
func scanKeys(ctx context.Context, rdb redis.UniversalClient, pattern string, fn func(redis.UniversalClient, string) error) error {
	scan := func(ctx context.Context, node redis.UniversalClient) error {
		it := node.Scan(ctx, 0, pattern, 200).Iterator()
		for it.Next(ctx) {
			if err := fn(node, it.Val()); err != nil {
				return err
			}
		}
		return it.Err()
	}
	if cc, ok := conversation.ClusterOf(rdb); ok {
		return cc.ForEachMaster(ctx, func(ctx context.Context, node *redis.Client) error { return scan(ctx, node) })
	}
	return scan(ctx, rdb)
}

// warnFewReplicas logs each master with fewer replicas online than
// REDIS_WAIT_REPLICAS asks for: until they connect, every update is
// refused (and delivered again by the platform).
func warnFewReplicas(ctx context.Context, c redis.UniversalClient, want int, log *slog.Logger) {
	check := func(ctx context.Context, node redis.Cmdable) error {
		n, err := conversation.ReplicasOnline(ctx, node)
		switch {
		case err != nil:
			log.Warn("cannot count the Redis master's replicas", "err", err)
		case n < want:
			log.Warn("the Redis master has fewer replicas online than REDIS_WAIT_REPLICAS: updates are refused until they connect",
				"replicas", n, "want", want)
		}
		return nil
	}
	if cc, ok := conversation.ClusterOf(c); ok {
		_ = cc.ForEachMaster(ctx, func(ctx context.Context, n *redis.Client) error { return check(ctx, n) })
		return
	}
	_ = check(ctx, c)
}
