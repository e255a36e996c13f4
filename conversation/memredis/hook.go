package memredis

import (
	"crypto/sha1"
	"encoding/hex"
	"slices"
	"strings"

	"github.com/alicebob/miniredis/v2/server"
)

// peerState is what the hook keeps of one client connection: the commands
// queued since MULTI, journaled together at EXEC.
type peerState struct {
	tx     bool
	queued [][]string
}

// class is what the hook does with a command.
type class int

const (
	pass   class = iota // runs as it is: it changes no data
	logged              // appended to the journal, then run
	refuse              // answered with an error: the journal could not replay it faithfully
	multi               // starts a transaction
)

// unjournaled are the commands that change no data although miniredis does
// not mark them read-only.
var unjournaled = map[string]bool{
	"AUTH": true, "CLIENT": true, "CLUSTER": true, "COMMAND": true, "ECHO": true, "HELLO": true, "INFO": true,
	"MEMORY": true, "OBJECT": true, "PING": true, "PSUBSCRIBE": true, "PUBLISH": true, "PUBSUB": true,
	"PUNSUBSCRIBE": true, "QUIT": true, "SUBSCRIBE": true, "UNSUBSCRIBE": true, "TIME": true, "UNWATCH": true,
	"WAIT": true, "XINFO": true, "EXEC": true, "DISCARD": true,
}

// refused are the commands the journal cannot replay as they ran: other
// databases (the replay has one), WATCH (the replay does not see another
// client's change), blocking commands (they run later, when another
// command wakes them), random choices, and types a snapshot does not hold.
// kinerjabot uses none of them.
var refused = map[string]string{
	"SWAPDB": "one database only", "MOVE": "one database only",
	"WATCH": "no WATCH",
	"BLPOP": "no blocking commands", "BRPOP": "no blocking commands", "BRPOPLPUSH": "no blocking commands",
	"BLMOVE": "no blocking commands", "BLMPOP": "no blocking commands", "BZPOPMIN": "no blocking commands",
	"BZPOPMAX": "no blocking commands", "BZMPOP": "no blocking commands",
	"SPOP": "no random choices",
	"XADD": "no streams", "XGROUP": "no streams", "XACK": "no streams", "XCLAIM": "no streams",
	"XAUTOCLAIM": "no streams", "XDEL": "no streams", "XTRIM": "no streams", "XREADGROUP": "no streams",
	"XSETID": "no streams", "PFADD": "no HyperLogLog", "PFMERGE": "no HyperLogLog",
}

// classify says what to do with cmd (upper case).
func (s *Server) classify(cmd string, args []string) (class, string) {
	if why, ok := refused[cmd]; ok {
		return refuse, why
	}
	switch cmd {
	case "MULTI":
		return multi, ""
	case "SELECT":
		if len(args) == 1 && args[0] == "0" {
			return pass, ""
		}
		return refuse, "one database only"
	case "COPY":
		if slices.ContainsFunc(args, func(a string) bool { return strings.EqualFold(a, "DB") }) {
			return refuse, "one database only"
		}
	case "SCRIPT":
		if len(args) > 0 && strings.EqualFold(args[0], "EXISTS") {
			return pass, ""
		}
	}
	if unjournaled[cmd] || s.srv.IsReadOnlyCommand(cmd) || !s.srv.IsRegisteredCommand(cmd) {
		return pass, ""
	}
	return logged, ""
}

// hook runs before miniredis handles a command (server.Hook): a command
// that changes data is appended to the journal and run under the order
// lock, so the journal holds commands in the order they ran; its reply,
// like every reply written after it, leaves once the journal is synced
// (front.go). It returns true when it has handled the command.
func (s *Server) hook(p *server.Peer, cmd string, args ...string) bool {
	if s.running.Load() == p {
		return false // the command the hook itself is running
	}
	st, client := s.peer(p)
	if !client {
		return false // a command run by a script: journaled with the script
	}
	c, why := s.classify(cmd, args)
	if c == refuse {
		p.WriteError("ERR the embedded conversation store (memredis) takes " + why + ": " + cmd + " refused")
		return true
	}
	if st.tx {
		switch cmd {
		case "EXEC":
			rec := append(append([][]string{{"MULTI"}}, st.queued...), []string{"EXEC"})
			st.tx, st.queued = false, nil
			return s.journaled(p, rec, []string{"EXEC"})
		case "DISCARD":
			st.tx, st.queued = false, nil
		case "MULTI": // an error: transactions do not nest
		default:
			st.queued = append(st.queued, append([]string{cmd}, args...))
		}
		return false
	}
	switch c {
	case multi:
		st.tx = true
		return false
	case logged:
		full := append([]string{cmd}, args...)
		return s.journaled(p, [][]string{full}, full)
	}
	return false
}

// peer finds a client connection's state. A peer seen first with a
// connection context already set is one miniredis made to run a script's
// redis.call: not a client.
func (s *Server) peer(p *server.Peer) (*peerState, bool) {
	if v, ok := s.peers.Load(p); ok {
		return v.(*peerState), true
	}
	if p.Ctx != nil {
		return nil, false
	}
	st := &peerState{}
	s.peers.Store(p, st)
	p.OnDisconnect(func() { s.peers.Delete(p) })
	return st, true
}

// journaled appends rec to the journal and runs cmd, both under the order
// lock.
func (s *Server) journaled(p *server.Peer, rec [][]string, cmd []string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.j.failed(); err != nil {
		p.WriteError("MISCONF the conversation journal cannot be written (" + err.Error() + "); restart kinerjabot")
		return true
	}
	s.j.add(s.clock, rec)
	s.track(rec)
	s.running.Store(p)
	s.srv.Dispatch(p, cmd)
	s.running.Store(nil)
	return true
}

// track keeps the body of every script loaded (EVAL, SCRIPT LOAD), so that
// a snapshot can load them again for the EVALSHAs after it.
func (s *Server) track(cmds [][]string) {
	for _, c := range cmds {
		switch {
		case strings.EqualFold(c[0], "EVAL") && len(c) > 1:
			s.scripts[sha1Hex(c[1])] = c[1]
		case strings.EqualFold(c[0], "SCRIPT") && len(c) > 2 && strings.EqualFold(c[1], "LOAD"):
			s.scripts[sha1Hex(c[2])] = c[2]
		case strings.EqualFold(c[0], "SCRIPT") && len(c) > 1 && strings.EqualFold(c[1], "FLUSH"):
			clear(s.scripts)
		}
	}
}

func sha1Hex(s string) string {
	h := sha1.Sum([]byte(s))
	return hex.EncodeToString(h[:])
}
