package outbound

// OnFiled makes q call f each time the outcome of a bulk send is filed
// (after its callbacks), so that tests on a fake clock move it only once
// the queue has seen the answer. Call before Run.
func OnFiled(q *Queue, f func()) { q.filed = f }
