package hubtest

import (
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Usage samples the memory and CPU of a process and its descendants, for
// the log lines that size a classroom's machines (the capacity bench,
// make bench-classroom, is the authoritative measure).
type Usage struct {
	pid  int
	stop chan struct{}
	done chan struct{}

	mu   sync.Mutex
	peak int64         // largest summed RSS seen, in bytes
	cpu  time.Duration // largest summed CPU time seen
}

// Watch samples pid's process tree every interval until Stop.
func Watch(pid int, interval time.Duration) *Usage {
	u := &Usage{pid: pid, stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(u.done)
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			u.sample()
			select {
			case <-u.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return u
}

// Stop ends the sampling and returns the peak RSS (bytes) and the CPU time
// the tree had used by the last sample, including children it has reaped
// (each cell's go build and program).
func (u *Usage) Stop() (peakRSS int64, cpu time.Duration) {
	close(u.stop)
	<-u.done
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.peak, u.cpu
}

func (u *Usage) sample() {
	var rss int64
	var ticks int64
	for _, p := range append([]int{u.pid}, Descendants(u.pid)...) {
		rss += rssBytes(p)
		f := statFields(p)
		// Fields after the name: state is 0, utime 11, stime 12, cutime 13, cstime 14.
		for _, i := range []int{11, 12, 13, 14} {
			if i < len(f) {
				n, _ := strconv.ParseInt(f[i], 10, 64)
				ticks += n
			}
		}
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	u.peak = max(u.peak, rss)
	// Clock ticks are 100 per second on Linux.
	u.cpu = max(u.cpu, time.Duration(ticks)*10*time.Millisecond)
}

// rssBytes returns a process's resident memory (VmRSS), 0 when it is gone.
func rssBytes(pid int) int64 {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
