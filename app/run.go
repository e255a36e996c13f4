package app

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/kinerjabot/kinerjabot/server"
)

// shutdownTimeout bounds how long Run waits for work in hand at exit.
const shutdownTimeout = 15 * time.Second

// Run serves HTTP on HTTP_ADDR (server.Listen: its timeouts and
// HTTP_MAX_CONNECTIONS) and runs the engine, the adapters, the
// outbound queues and the scheduler until ctx is cancelled (then it
// returns nil) or one of them fails (then its error), and stops them all
// within a bound. Run it once.
func (a *App) Run(ctx context.Context) error {
	srv, err := server.Listen(a.cfg.HTTPAddr, a.mux,
		server.WithMaxConnections(a.cfg.HTTPMaxConnections), server.WithLog(a.log))
	if err != nil {
		return fmt.Errorf("listen on HTTP_ADDR %s: %w", a.cfg.HTTPAddr, err)
	}
	a.log.Info("HTTP listening", "addr", srv.Addr().String(), "health", server.HealthPath, "metrics", "/metrics",
		"max_connections", a.cfg.HTTPMaxConnections)
	a.onListen(srv.Addr())

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var wg sync.WaitGroup
	goRun := func(name string, f func() error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(); err != nil && !errors.Is(err, http.ErrServerClosed) && ctx.Err() == nil {
				cancel(fmt.Errorf("%s: %w", name, err))
			}
		}()
	}
	goRun("http", srv.Serve)
	goRun("engine", func() error { return a.engine.Run(ctx) })
	for _, ad := range a.adapters {
		goRun(string(ad.Platform()), func() error { return ad.Run(ctx, a.engine) })
	}
	for _, q := range a.queues {
		goRun("outbound", func() error { return q.Run(ctx) })
	}
	if a.scheduler != nil {
		goRun("scheduler", func() error { return a.scheduler.Run(ctx) })
	}
	<-ctx.Done()
	cause := context.Cause(ctx)
	a.log.Info("kinerjabot stopping", "reason", cause)
	sctx, scancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer scancel()
	_ = srv.Shutdown(sctx)
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-sctx.Done():
		a.log.Warn("shutdown timed out; unfinished updates stay in Redis and resume at next start")
	}
	if errors.Is(cause, context.Canceled) {
		return nil
	}
	return cause
}
