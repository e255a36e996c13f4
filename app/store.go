package app

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/conversation/memredis"
	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/mongo"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

// OpenStore opens MongoDB when MONGODB_URI is set, else the embedded store
// in DATA_DIR. The caller closes it. The sub-commands that read or write
// records (imports, remind, code, ikm, qr) open it with this too.
func OpenStore(ctx context.Context, cfg config.Config, log *slog.Logger) (storage.Store, error) {
	if cfg.MongoURI != "" {
		st, err := mongo.Open(ctx, cfg.MongoURI, cfg.MongoDatabase, mongoOptions(cfg, log)...)
		if err != nil {
			return nil, fmt.Errorf("open MongoDB: %w", err)
		}
		log.Info("record store: MongoDB", "database", cfg.MongoDatabase)
		return st, nil
	}
	path := filepath.Join(cfg.DataDir, "kinerjabot.db")
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("open embedded store: %w", err)
	}
	log.Info("record store: embedded", "path", path)
	return st, nil
}

// mongoOptions are the options every opening of MongoDB takes from cfg.
func mongoOptions(cfg config.Config, log *slog.Logger) []mongo.Option {
	opts := []mongo.Option{mongo.WithLogger(log)}
	if cfg.MongoAllowIncompatible {
		opts = append(opts, mongo.AllowIncompatible(log))
	}
	return opts
}

// openRedis connects to the configured Redis (redisClient), or starts the in-process server. The
// returned func closes what was opened.
func openRedis(ctx context.Context, cfg config.Config, log *slog.Logger) (redis.UniversalClient, func(), error) {
	if cfg.RedisMode() == config.RedisEmbedded {
		srv, err := startEmbeddedRedis(cfg, log)
		if err != nil {
			return nil, nil, err
		}
		c := redis.NewClient(&redis.Options{Addr: srv.Addr(), PoolSize: redisPool(cfg),
			ReadBufferSize: redisBuffer, WriteBufferSize: redisBuffer,
			PipelineReadBufferSize: redisPipelineBuffer, PipelineWriteBufferSize: redisPipelineBuffer})
		return c, func() { c.Close(); srv.Close() }, nil
	}
	c, where, err := connectRedis(ctx, cfg)
	if err != nil {
		return nil, nil, err
	}
	log.Info("conversation state: Redis", "mode", cfg.RedisMode(), "servers", where)
	if cfg.RedisWaitReplicas > 0 {
		warnFewReplicas(ctx, c, cfg.RedisWaitReplicas, log)
	}
	return c, func() { c.Close() }, nil
}

// startEmbeddedRedis starts the in-process server: journaled in
// DATA_DIR/conversation (CONVERSATION_JOURNAL=on), or in memory only.
func startEmbeddedRedis(cfg config.Config, log *slog.Logger) (*memredis.Server, error) {
	if !cfg.JournalOn() {
		log.Warn("conversation state: in-process Redis-compatible server, in memory only (CONVERSATION_JOURNAL=off): " +
			"a stop loses every conversation in progress and every update not yet handled")
		return memredis.Start()
	}
	dir := filepath.Join(cfg.DataDir, "conversation")
	srv, err := memredis.Open(dir, memredis.Options{Log: log, JournalMax: cfg.ConversationJournalMax})
	if err != nil {
		return nil, err
	}
	log.Info("conversation state: in-process Redis-compatible server, journaled (one process per DATA_DIR; set REDIS_URL for several)",
		"dir", dir)
	return srv, nil
}

// redisPool is one connection per engine worker, plus a few for the
// trimmer, the sweeper, the scheduler and the adapters, so that workers
// never queue for a connection (go-redis's default is 10 per CPU).
func redisPool(cfg config.Config) int { return cfg.Workers + 8 }

// Each Redis connection's read and write buffers, and a pipeline
// connection's, allocated for the connection's life. What the engine sends
// and reads is a few KiB (an update, a session, a chat's replies; a longer
// value takes more than one read), so go-redis's defaults of 32 KiB and
// 128 KiB were about 7 MB of live heap at 72 connections for nothing
// (bench/profbot at 200 users, docs/benchmarks.md).
const (
	redisBuffer         = 8 << 10
	redisPipelineBuffer = 16 << 10
)
