// Command redisprobe says which Redis the tests will use: the real server
// when one answers, otherwise the in-process one. With
// KINERJA_REQUIRE_REDIS=1 it fails when no real Redis answers.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/kinerjabot/kinerjabot/conversation/redistest"
)

func main() {
	err := redistest.Probe(context.Background())
	switch {
	case err == nil:
		fmt.Printf("tests use the real Redis at %s\n", redistest.URL())
	case redistest.Required():
		fmt.Fprintf(os.Stderr, "KINERJA_REQUIRE_REDIS=1 but no Redis answers at %s: %v\n", redistest.URL(), err)
		os.Exit(1)
	default:
		fmt.Printf("no Redis answers at %s: tests use the in-process Redis-compatible server instead\n", redistest.URL())
	}
	if os.Getenv("KINERJA_TEST_MONGODB_URI") == "" {
		fmt.Println("MongoDB tests skip: set KINERJA_TEST_MONGODB_URI=mongodb://host:27017 to run them")
	}
}
