package harness

import (
	"os"
	"os/exec"
	"runtime"
	"syscall"
	"testing"
)

// TestWatchPeakRSS: a small child of a process that holds 128 MB is
// measured as small — where the child's rusage counts the parent's memory
// at the time it was started.
func TestWatchPeakRSS(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc on this system")
	}
	held := make([]byte, 128<<20)
	for i := range held {
		held[i] = byte(i)
	}
	cmd := exec.Command("sleep", "0.3")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stop := watchPeakRSS(cmd.Process.Pid)
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	peak := stop()
	if peak <= 0 || peak > 32 {
		t.Errorf("peak RSS of sleep: %.1f MB, want more than 0 and less than 32", peak)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		t.Logf("rusage of the child: %.1f MB; watched: %.1f MB", float64(ru.Maxrss)/1024, peak)
	}
	runtime.KeepAlive(held)
}
