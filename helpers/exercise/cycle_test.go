package exercise

import (
	"testing"
	"time"
)

type cyclicNode struct {
	Name string
	Next *cyclicNode `bun:"rel:belongs-to,join:next_id=id"`
}

// TestCyclicStructIsChecked: a row that points back at itself (n.Next ==
// n) is checked like any wrong answer instead of recursing forever.
func TestCyclicStructIsChecked(t *testing.T) {
	n := &cyclicNode{Name: "loop"}
	n.Next = n
	done := make(chan Result, 1)
	go func() { done <- Check("Q4", []*cyclicNode{n}) }()
	select {
	case r := <-done:
		if r.OK() || r.hint == "" {
			t.Errorf("Check = %+v, want a wrong answer with a hint", r)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Check on a cyclic struct: no answer after 10s")
	}
}
