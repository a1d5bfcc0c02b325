// Package hubtest runs a real JupyterHub (Debian's jupyterhub 3.0 with its
// configurable-http-proxy) on 127.0.0.1 for tests: random free ports, its
// own folder for the database, cookie secret, logs and every student's home,
// DummyAuthenticator with one password for the listed students, and
// SimpleLocalProcessSpawner, which starts each student's jupyterhub-singleuser
// as the hub's own user with HOME set to the student's folder.
//
// Why SimpleLocalProcessSpawner and not LocalProcessSpawner with real Unix
// accounts: it needs no root and no useradd, so the test runs the same for a
// developer and in CI, and the students' kernels share the machine's warm Go
// build cache (a fresh account compiles SQLite again, about a minute of CPU
// per student). What it does not give — separate Unix permissions between
// students — is the deployment's job (a container per student under
// DockerSpawner or KubeSpawner, a Unix user per student under TLJH) and is
// configured by the recipes in deploy/, not by the course.
//
// Every process the hub starts carries a marker in its environment, so
// [Hub.Stop] can prove that nothing is left running.
package hubtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/bunbook/bunbook/internal/jupyterapi"
)

// ErrNoHub means jupyterhub (or its proxy) is not installed.
var ErrNoHub = errors.New("jupyterhub not installed")

// InstallHint says how to install what the hub test needs.
const InstallHint = "Install JupyterHub and its proxy: sudo apt-get install -y --no-install-recommends jupyterhub node-configurable-http-proxy"

// MarkerEnv is the environment variable every hub process carries.
const MarkerEnv = "BUNBOOK_HUBTEST"

// Options configure Start.
type Options struct {
	// Dir is the hub's own folder (database, secrets, config, logs, homes);
	// it must exist. Students' homes are Dir/home/<name>.
	Dir string
	// Users are the students' names; only they can log in.
	Users []string
	// Admins are hub admins (teachers), who log in with the same password.
	Admins []string
	// Env is added to every student server's environment (and so to its
	// kernels), e.g. JUPYTER_PATH for the course kernel.
	Env map[string]string
}

// Hub is a running JupyterHub.
type Hub struct {
	URL      string // public URL through the proxy, ending in "/"
	Password string // every student's password (DummyAuthenticator)
	Dir      string
	LogPath  string

	adminToken string // a service token with admin:users and admin:servers
	marker     string
	cmd        *exec.Cmd
	exited     chan struct{}
	waitErr    error
}

// Find returns the jupyterhub command, or an error wrapping ErrNoHub.
func Find() (string, error) {
	hub, err := exec.LookPath("jupyterhub")
	if err != nil {
		return "", fmt.Errorf("%w: no jupyterhub on PATH. %s", ErrNoHub, InstallHint)
	}
	if _, err := exec.LookPath("configurable-http-proxy"); err != nil {
		return "", fmt.Errorf("%w: no configurable-http-proxy on PATH (JupyterHub's proxy). %s", ErrNoHub, InstallHint)
	}
	if _, err := exec.LookPath("jupyterhub-singleuser"); err != nil {
		return "", fmt.Errorf("%w: no jupyterhub-singleuser on PATH. %s", ErrNoHub, InstallHint)
	}
	return hub, nil
}

// Start starts the hub and waits (at most until ctx ends) until its API
// answers. Stop it with Stop.
func Start(ctx context.Context, opt Options) (*Hub, error) {
	bin, err := Find()
	if err != nil {
		return nil, err
	}
	ports, err := freePorts(3)
	if err != nil {
		return nil, err
	}
	h := &Hub{
		URL:        fmt.Sprintf("http://127.0.0.1:%d/", ports[0]),
		Password:   randomHex(12),
		Dir:        opt.Dir,
		LogPath:    filepath.Join(opt.Dir, "jupyterhub.log"),
		adminToken: randomHex(24),
		marker:     randomHex(8),
		exited:     make(chan struct{}),
	}
	env := map[string]string{MarkerEnv: h.marker}
	for k, v := range opt.Env {
		env[k] = v
	}
	chp, _ := exec.LookPath("configurable-http-proxy")
	var args []string
	if os.Geteuid() == 0 {
		// CI runs as root; the classic notebook server refuses root without it.
		args = append(args, "--allow-root")
	}
	cfg := map[string]any{
		"bind_url":      h.URL,
		"hub_bind_url":  fmt.Sprintf("http://127.0.0.1:%d", ports[1]),
		"proxy_api_url": fmt.Sprintf("http://127.0.0.1:%d", ports[2]),
		"proxy_command": []string{chp},
		"dir":           opt.Dir,
		"users":         opt.Users,
		"admins":        append([]string{}, opt.Admins...),
		"password":      h.Password,
		"admin_token":   h.adminToken,
		"homes":         filepath.Join(opt.Dir, "home"),
		"env":           env,
		"args":          args,
	}
	data, _ := json.Marshal(cfg)
	if err := os.WriteFile(filepath.Join(opt.Dir, "settings.json"), data, 0o600); err != nil {
		return nil, err
	}
	configPath := filepath.Join(opt.Dir, "jupyterhub_config.py")
	if err := os.WriteFile(configPath, []byte(configPy), 0o600); err != nil {
		return nil, err
	}
	log, err := os.Create(h.LogPath)
	if err != nil {
		return nil, err
	}
	h.cmd = exec.Command(bin, "--config", configPath)
	h.cmd.Dir = opt.Dir
	h.cmd.Env = append(os.Environ(), MarkerEnv+"="+h.marker)
	if os.Getenv("NODE_PATH") == "" {
		// Debian's configurable-http-proxy needs Debian's node modules
		// (node-commander, …), which a Node.js from elsewhere (NodeSource)
		// does not look for.
		h.cmd.Env = append(h.cmd.Env, "NODE_PATH=/usr/share/nodejs:/usr/lib/nodejs")
	}
	h.cmd.Stdout, h.cmd.Stderr = log, log
	// Its own process group, so Stop can end the proxy with it; and a
	// SIGTERM (the hub then stops its servers) should the test process die
	// without calling Stop, as on a go test -timeout panic.
	h.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	if err := h.cmd.Start(); err != nil {
		log.Close()
		return nil, fmt.Errorf("hubtest: start jupyterhub: %w", err)
	}
	go func() {
		h.waitErr = h.cmd.Wait()
		log.Close()
		close(h.exited)
	}()
	if err := h.waitReady(ctx); err != nil {
		h.Stop()
		return nil, err
	}
	return h, nil
}

// waitReady polls the hub's API until it answers, for at most 90 s.
func (h *Hub) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	api := &jupyterapi.Client{BaseURL: h.URL + "hub/"}
	for {
		var info struct{ Version string }
		err := api.Do(ctx, http.MethodGet, "api/", nil, &info)
		if err == nil && info.Version != "" {
			return nil
		}
		select {
		case <-h.exited:
			return fmt.Errorf("hubtest: jupyterhub exited (%v) before it answered; its log:\n%s", h.waitErr, h.LogTail(40))
		case <-ctx.Done():
			return fmt.Errorf("hubtest: jupyterhub did not answer on %s (%w): %v; its log:\n%s", h.URL, ctx.Err(), err, h.LogTail(40))
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// LogTail returns the last n lines of the hub's log (it holds the servers'
// logs too: LocalProcessSpawner passes their output through).
func (h *Hub) LogTail(n int) string {
	data, _ := os.ReadFile(h.LogPath)
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// Home is the student's home folder, their server's root.
func (h *Hub) Home(user string) string { return filepath.Join(h.Dir, "home", user) }

// api returns a client for the hub's own REST API with token.
func (h *Hub) api(token string) *jupyterapi.Client {
	return &jupyterapi.Client{BaseURL: h.URL + "hub/", Token: token}
}

// Login returns a new API token for user, obtained with the user's name and
// password as JupyterHub's token request allows (POST
// /hub/api/users/<name>/tokens with "auth"), so the authenticator checks
// the password.
func (h *Hub) Login(ctx context.Context, user, password string) (string, error) {
	var tok struct {
		Token string `json:"token"`
	}
	in := map[string]any{
		"auth": map[string]string{"username": user, "password": password},
		"note": "bunbook hub test",
	}
	if err := h.api("").Do(ctx, http.MethodPost, "api/users/"+url.PathEscape(user)+"/tokens", in, &tok); err != nil {
		return "", fmt.Errorf("hubtest: log %s in: %w", user, err)
	}
	return tok.Token, nil
}

// Server returns a client for user's single-user server through the proxy.
func (h *Hub) Server(user, token string) *jupyterapi.Client {
	return &jupyterapi.Client{BaseURL: h.URL + "user/" + user + "/", Token: token}
}

type serverModel struct {
	Ready   bool           `json:"ready"`
	Pending *string        `json:"pending"`
	State   map[string]any `json:"state"`
}

type userModel struct {
	Servers map[string]serverModel `json:"servers"`
}

// StartServer asks the hub to start user's server (as the student does, with
// their token) and waits until it is ready, for at most 2 minutes.
func (h *Hub) StartServer(ctx context.Context, user, token string) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := h.api(token).Do(ctx, http.MethodPost, "api/users/"+user+"/server", nil, nil); err != nil {
		return fmt.Errorf("hubtest: start %s's server: %w", user, err)
	}
	for {
		var u userModel
		err := h.api(token).Do(ctx, http.MethodGet, "api/users/"+user, nil, &u)
		if err == nil && u.Servers[""].Ready {
			return nil
		}
		if err == nil && u.Servers[""].Pending == nil && !u.Servers[""].Ready {
			return fmt.Errorf("hubtest: %s's server stopped while starting; the hub's log:\n%s", user, h.LogTail(40))
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("hubtest: %s's server not ready (%w); the hub's log:\n%s", user, ctx.Err(), h.LogTail(40))
		case <-time.After(300 * time.Millisecond):
		}
	}
}

// StopServer asks the hub to stop user's server and waits until it has, for
// at most a minute.
func (h *Hub) StopServer(ctx context.Context, user string) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	api := h.api(h.adminToken)
	if err := api.Do(ctx, http.MethodDelete, "api/users/"+user+"/server", nil, nil); err != nil {
		return fmt.Errorf("hubtest: stop %s's server: %w", user, err)
	}
	for {
		var u userModel
		if err := api.Do(ctx, http.MethodGet, "api/users/"+user, nil, &u); err == nil {
			if _, running := u.Servers[""]; !running {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("hubtest: %s's server did not stop (%w)", user, ctx.Err())
		case <-time.After(300 * time.Millisecond):
		}
	}
}

// ServerPID returns the process id of user's running server, from the
// spawner's state (an admin API call).
func (h *Hub) ServerPID(ctx context.Context, user string) (int, error) {
	var u userModel
	if err := h.api(h.adminToken).Do(ctx, http.MethodGet, "api/users/"+user, nil, &u); err != nil {
		return 0, err
	}
	s, ok := u.Servers[""]
	if !ok {
		return 0, fmt.Errorf("hubtest: %s has no running server", user)
	}
	pid, ok := s.State["pid"].(float64)
	if !ok || pid <= 0 {
		return 0, fmt.Errorf("hubtest: %s's server state has no pid: %v", user, s.State)
	}
	return int(pid), nil
}

// Stop stops the hub (which stops the servers it started and its proxy),
// waiting at most 30 s before killing its process group, then kills any
// process still carrying the hub's marker. It returns an error naming the
// processes that outlived the hub, if any.
func (h *Hub) Stop() error {
	if h.cmd == nil || h.cmd.Process == nil {
		return nil
	}
	_ = h.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-h.exited:
	case <-time.After(30 * time.Second):
		_ = syscall.Kill(-h.cmd.Process.Pid, syscall.SIGKILL)
		<-h.exited
	}
	// The proxy and the servers leave shortly after the hub; give them a
	// bounded moment before calling them leftovers.
	var left []Process
	for deadline := time.Now().Add(10 * time.Second); ; {
		left = h.Processes()
		if len(left) == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if len(left) == 0 {
		return nil
	}
	for _, p := range left {
		_ = syscall.Kill(p.PID, syscall.SIGKILL)
	}
	var names []string
	for _, p := range left {
		names = append(names, p.String())
	}
	return fmt.Errorf("hubtest: %d processes outlived the hub (killed now): %s", len(left), strings.Join(names, "; "))
}

// Process is a running process started by the hub.
type Process struct {
	PID     int
	Command string
}

func (p Process) String() string { return strconv.Itoa(p.PID) + " " + p.Command }

// Processes lists the running processes that carry this hub's marker: the
// hub, its proxy, the students' servers, their kernels and cell programs.
func (h *Hub) Processes() []Process {
	want := []byte(MarkerEnv + "=" + h.marker + "\x00")
	entries, _ := os.ReadDir("/proc")
	var ps []Process
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		env, err := os.ReadFile(filepath.Join("/proc", e.Name(), "environ"))
		if err != nil || !containsEnv(env, want) {
			continue
		}
		if isZombie(pid) {
			continue
		}
		cmdline, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		ps = append(ps, Process{PID: pid, Command: strings.TrimSpace(strings.ReplaceAll(string(cmdline), "\x00", " "))})
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].PID < ps[j].PID })
	return ps
}

// Descendants returns pid's child processes, their children, and so on.
func Descendants(pid int) []int {
	children := map[int][]int{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if pp, ok := parentPID(p); ok {
			children[pp] = append(children[pp], p)
		}
	}
	var out []int
	queue := []int{pid}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, c := range children[p] {
			out = append(out, c)
			queue = append(queue, c)
		}
	}
	return out
}

// statFields returns /proc/pid/stat's fields after the command name.
func statFields(pid int) []string {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return nil
	}
	s := string(data)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return nil
	}
	return strings.Fields(s[i+1:])
}

func parentPID(pid int) (int, bool) {
	f := statFields(pid)
	if len(f) < 2 {
		return 0, false
	}
	pp, err := strconv.Atoi(f[1])
	return pp, err == nil
}

func isZombie(pid int) bool {
	f := statFields(pid)
	return len(f) > 0 && (f[0] == "Z" || f[0] == "X")
}

func containsEnv(environ, entry []byte) bool {
	// Entries are NUL-terminated; match a whole entry.
	s, e := "\x00"+string(environ), "\x00"+string(entry)
	return strings.Contains(s, e)
}

// freePorts returns n distinct free TCP ports on 127.0.0.1.
func freePorts(n int) ([]int, error) {
	var ports []int
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			l.Close()
		}
	}()
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("hubtest: find a free port: %w", err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
