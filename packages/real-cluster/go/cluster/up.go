package main

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"go.etcd.io/etcd/server/v3/embed"
	"golang.org/x/sys/unix"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/component-base/version"
)

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, " ") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// clusterState is <dir>/cluster.json, written once the cluster is ready; the
// TypeScript helper and `real-cluster down` read it.
type clusterState struct {
	PID        int                      `json:"pid"`
	Dir        string                   `json:"dir"`
	URL        string                   `json:"url"`
	Kubeconfig string                   `json:"kubeconfig"`
	CAFile     string                   `json:"caFile"`
	CertFile   string                   `json:"certFile"`
	KeyFile    string                   `json:"keyFile"`
	Token      string                   `json:"token"`
	Control    string                   `json:"control"`
	Etcd       string                   `json:"etcd"`
	Version    string                   `json:"version"`
	Nodes      []string                 `json:"nodes"`
	Ports      map[string]int           `json:"ports"`
	Components map[string]componentInfo `json:"components"`
	ReadyMs    int64                    `json:"readyMs"`
}

type componentInfo struct {
	PID int    `json:"pid"`
	Log string `json:"log"`
}

type supervisor struct {
	dir, logs   string
	pki         pki
	self        string
	ports       map[string]int
	token       string
	etcd        *embed.Etcd
	client      *kubernetes.Clientset
	restConfig  *rest.Config
	extra       map[string][]string
	nodes       []string
	start       time.Time
	mu          sync.Mutex
	children    map[string]*child
	stopping    bool
	fatal       chan error
	shutdownReq chan struct{}
	quiet       bool
	stopChecker context.CancelFunc
}

type child struct {
	name     string
	cmd      *exec.Cmd
	done     chan struct{}
	expected bool // stop asked for: its exit is not a failure
}

func (s *supervisor) logf(format string, args ...any) {
	if s.quiet {
		return
	}
	fmt.Fprintf(os.Stderr, "real-cluster [%5.1fs] %s\n", time.Since(s.start).Seconds(), fmt.Sprintf(format, args...))
}

func runUp(args []string) int {
	fs := flag.NewFlagSet("up", flag.ContinueOnError)
	dir := fs.String("dir", "", "cluster directory (certificates, etcd data, logs, kubeconfig); default: a new temporary one, removed at exit")
	nodeCount := fs.Int("nodes", 3, "kwok nodes to create")
	withParent := fs.Bool("exit-with-parent", false, "shut down when the process that started this one goes away")
	timeout := fs.Duration("timeout", 120*time.Second, "give up when not ready within this time")
	quiet := fs.Bool("quiet", false, "no progress lines on stderr")
	extra := map[string]*multiFlag{"apiserver": {}, "controller-manager": {}, "scheduler": {}, "kwok": {}}
	for name, v := range extra {
		fs.Var(v, name+"-arg", "extra flag for "+name+", e.g. --"+name+"-arg=--v=2 (repeatable)")
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	s := &supervisor{
		start:       time.Now(),
		children:    map[string]*child{},
		fatal:       make(chan error, 8),
		shutdownReq: make(chan struct{}, 1),
		extra:       map[string][]string{},
		quiet:       *quiet,
	}
	for name, v := range extra {
		s.extra[name] = *v
	}
	ownDir := *dir == ""
	if ownDir {
		d, err := os.MkdirTemp("", "real-cluster-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		*dir = d
	}
	abs, err := filepath.Abs(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	s.dir = abs
	if *withParent {
		watchParent(s)
	}
	code := s.run(*nodeCount, *timeout)
	if ownDir {
		_ = os.RemoveAll(s.dir)
	}
	return code
}

// watchParent: PR_SET_PDEATHSIG asks the kernel for SIGTERM when the parent
// dies; the poll on getppid covers the case where it died before that call,
// or where the parent's thread that forked us exits before the process does.
func watchParent(s *supervisor) {
	ppid := os.Getppid()
	_ = unix.Prctl(unix.PR_SET_PDEATHSIG, uintptr(syscall.SIGTERM), 0, 0, 0)
	go func() {
		for {
			if os.Getppid() != ppid {
				s.logf("parent process %d is gone: shutting down", ppid)
				s.requestShutdown()
				return
			}
			time.Sleep(300 * time.Millisecond)
		}
	}()
}

func (s *supervisor) requestShutdown() {
	select {
	case s.shutdownReq <- struct{}{}:
	default:
	}
}

func (s *supervisor) run(nodeCount int, timeout time.Duration) int {
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()

	ready := make(chan error, 1)
	go func() { ready <- s.bringUp(ctx, nodeCount) }()

	code := 0
	select {
	case err := <-ready:
		if err != nil {
			fmt.Fprintln(os.Stderr, "real-cluster: start failed:", err)
			code = 1
			break
		}
		select {
		case <-sig:
			s.logf("signal: shutting down")
		case <-s.shutdownReq:
		case err := <-s.fatal:
			fmt.Fprintln(os.Stderr, "real-cluster:", err)
			code = 1
		}
	case <-sig:
		s.logf("signal while starting: shutting down")
		code = 1
	case <-s.shutdownReq:
		code = 1
	case err := <-s.fatal:
		fmt.Fprintln(os.Stderr, "real-cluster: start failed:", err)
		code = 1
	}
	s.shutdown()
	return code
}

func (s *supervisor) bringUp(ctx context.Context, nodeCount int) error {
	s.pki = pki{dir: filepath.Join(s.dir, "pki")}
	s.logs = filepath.Join(s.dir, "logs")
	if err := os.MkdirAll(s.logs, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(s.dir, "realcluster.pid"), []byte(fmt.Sprintf("%d\n", os.Getpid())), 0o644); err != nil {
		return err
	}
	_ = os.Remove(filepath.Join(s.dir, "cluster.json"))
	self, err := os.Executable()
	if err != nil {
		return err
	}
	s.self = self
	if err := s.pki.ensure(); err != nil {
		return fmt.Errorf("certificates: %w", err)
	}
	if err := s.ensureToken(); err != nil {
		return err
	}
	if err := s.choosePorts(); err != nil {
		return err
	}
	s.logf("certificates and ports ready in %s", s.dir)

	s.etcd, err = startEtcd(filepath.Join(s.dir, "etcd"), s.ports["etcd"], s.ports["etcd-peer"], filepath.Join(s.logs, "etcd.log"))
	if err != nil {
		return fmt.Errorf("etcd: %w", err)
	}
	go func() {
		if err, ok := <-s.etcd.Err(); ok && err != nil {
			s.fatal <- fmt.Errorf("etcd: %w", err)
		}
	}()
	s.logf("etcd %s ready on 127.0.0.1:%d", etcdVersion(), s.ports["etcd"])

	if err := s.writeKubeconfigs(); err != nil {
		return err
	}
	stages, err := kwokStages()
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(s.dir, "kwok.yaml"), []byte(stages), 0o644); err != nil {
		return err
	}
	if err := s.startChild("apiserver"); err != nil {
		return err
	}
	if err := s.waitAPIServer(ctx); err != nil {
		return err
	}
	s.logf("kube-apiserver %s ready on https://127.0.0.1:%d", version.Get().GitVersion, s.ports["apiserver"])

	// Our stand-in for the kubelet's check of env references (configcheck.go);
	// it lives as long as this process.
	checkerCtx, stopChecker := context.WithCancel(context.Background())
	s.stopChecker = stopChecker
	startConfigChecker(checkerCtx, s.client, s.logf)
	for _, name := range []string{"controller-manager", "scheduler", "kwok"} {
		if err := s.startChild(name); err != nil {
			return err
		}
	}
	if err := s.ensureNodes(ctx, nodeCount); err != nil {
		return err
	}
	if err := s.waitControllers(ctx); err != nil {
		return err
	}
	return s.writeState()
}

func (s *supervisor) ensureToken() error {
	file := filepath.Join(s.dir, "pki", "tokens.csv")
	if data, err := os.ReadFile(file); err == nil {
		s.token = strings.SplitN(string(data), ",", 2)[0]
		return nil
	}
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return err
	}
	s.token = hex.EncodeToString(b)
	// --token-auth-file format: token,user,uid,"group1,group2"
	// (k8s.io/apiserver/plugin/pkg/authenticator/token/tokenfile/tokenfile.go).
	return os.WriteFile(file, []byte(s.token+",real-cluster-admin,real-cluster-admin,\"system:masters\"\n"), 0o600)
}

// choosePorts keeps the ports of an earlier run of the same directory when
// they are free (a kubeconfig written then still works), else takes free ones.
func (s *supervisor) choosePorts() error {
	s.ports = map[string]int{}
	var old clusterState
	if data, err := os.ReadFile(filepath.Join(s.dir, "ports.json")); err == nil {
		_ = json.Unmarshal(data, &old.Ports)
	}
	for _, name := range []string{"etcd", "etcd-peer", "apiserver", "controller-manager", "scheduler", "kwok"} {
		if p := old.Ports[name]; p != 0 && portFree(p) {
			s.ports[name] = p
			continue
		}
		p, err := freePort()
		if err != nil {
			return err
		}
		s.ports[name] = p
	}
	data, _ := json.Marshal(s.ports)
	return os.WriteFile(filepath.Join(s.dir, "ports.json"), data, 0o644)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func portFree(p int) bool {
	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
	if err != nil {
		return false
	}
	_ = l.Close()
	return true
}

func (s *supervisor) url() string { return fmt.Sprintf("https://127.0.0.1:%d", s.ports["apiserver"]) }

func (s *supervisor) kubeconfigPath(name string) string {
	if name == "admin" {
		return filepath.Join(s.dir, "kubeconfig")
	}
	return filepath.Join(s.dir, "pki", name+".kubeconfig")
}

// writeKubeconfigs: one per identity; the admin one (<dir>/kubeconfig) holds
// its certificates inline so it can be copied anywhere.
func (s *supervisor) writeKubeconfigs() error {
	ca, err := os.ReadFile(s.pki.path("ca.crt"))
	if err != nil {
		return err
	}
	for _, id := range clientIdentities {
		crt, err := os.ReadFile(s.pki.path(id.file + ".crt"))
		if err != nil {
			return err
		}
		key, err := os.ReadFile(s.pki.path(id.file + ".key"))
		if err != nil {
			return err
		}
		b64 := base64.StdEncoding.EncodeToString
		cfg := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: real-cluster
  cluster:
    server: %s
    certificate-authority-data: %s
users:
- name: %s
  user:
    client-certificate-data: %s
    client-key-data: %s
contexts:
- name: real-cluster
  context:
    cluster: real-cluster
    user: %s
    namespace: default
current-context: real-cluster
`, s.url(), b64(ca), id.user, b64(crt), b64(key), id.user)
		if err := os.WriteFile(s.kubeconfigPath(id.file), []byte(cfg), 0o600); err != nil {
			return err
		}
	}
	s.restConfig = &rest.Config{
		Host: s.url(),
		TLSClientConfig: rest.TLSClientConfig{
			CAFile:   s.pki.path("ca.crt"),
			CertFile: s.pki.path("admin.crt"),
			KeyFile:  s.pki.path("admin.key"),
		},
		QPS:   50,
		Burst: 100,
	}
	s.client, err = kubernetes.NewForConfig(s.restConfig)
	return err
}

// args for each component. Flags are the upstream ones, read in
// cmd/kube-apiserver/app/options, cmd/kube-controller-manager/app/options,
// cmd/kube-scheduler/app/options and sigs.k8s.io/kwok/pkg/kwok/cmd/root.go.
func (s *supervisor) args(name string) []string {
	p := s.pki.path
	var a []string
	switch name {
	case "apiserver":
		a = []string{
			fmt.Sprintf("--etcd-servers=http://127.0.0.1:%d", s.ports["etcd"]),
			"--bind-address=127.0.0.1",
			"--advertise-address=127.0.0.1",
			fmt.Sprintf("--secure-port=%d", s.ports["apiserver"]),
			"--cert-dir=" + filepath.Join(s.dir, "apiserver"),
			"--tls-cert-file=" + p("apiserver.crt"),
			"--tls-private-key-file=" + p("apiserver.key"),
			"--client-ca-file=" + p("ca.crt"),
			"--token-auth-file=" + p("tokens.csv"),
			// Real authorization: the Node authorizer and RBAC with the
			// bootstrap policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy).
			"--authorization-mode=Node,RBAC",
			// Service-account tokens: signed with sa.key, verified with sa.pub.
			"--service-account-issuer=https://kubernetes.default.svc.cluster.local",
			"--service-account-key-file=" + p("sa.pub"),
			"--service-account-signing-key-file=" + p("sa.key"),
			"--service-cluster-ip-range=10.96.0.0/16",
			"--allow-privileged=true",
			// The endpoints of the "kubernetes" Service would point at
			// 127.0.0.1, which no pod could reach anyway.
			"--endpoint-reconciler-type=none",
			"--profiling=false",
			// port-forward, logs and exec go from the API server to the
			// Node's kubelet endpoint: kwok's server on 127.0.0.1 (kwok
			// below). InternalIP only, so the API server never resolves a
			// Node's hostname through the machine's DNS (the default order,
			// cmd/kube-apiserver/app/options/options.go, starts with
			// Hostname), and with the cluster CA checking kwok's certificate.
			"--kubelet-preferred-address-types=InternalIP",
			"--kubelet-certificate-authority=" + p("ca.crt"),
			"--kubelet-client-certificate=" + p(kubeletClient.file+".crt"),
			"--kubelet-client-key=" + p(kubeletClient.file+".key"),
		}
		// Pod Security admission is in the default admission plugins
		// (pkg/kubeapiserver/options/plugins.go DefaultOffAdmissionPlugins
		// does not list PodSecurity): nothing to turn on.
	case "controller-manager":
		a = []string{
			"--kubeconfig=" + s.kubeconfigPath("controller-manager"),
			"--authentication-kubeconfig=" + s.kubeconfigPath("controller-manager"),
			"--authorization-kubeconfig=" + s.kubeconfigPath("controller-manager"),
			"--bind-address=127.0.0.1",
			fmt.Sprintf("--secure-port=%d", s.ports["controller-manager"]),
			"--cert-dir=" + filepath.Join(s.dir, "controller-manager"),
			"--leader-elect=false",
			// Each controller acts as its own service account with the
			// bootstrap roles, as kubeadm runs it.
			"--use-service-account-credentials=true",
			"--root-ca-file=" + p("ca.crt"),
			"--service-account-private-key-file=" + p("sa.key"),
			"--cluster-signing-cert-file=" + p("ca.crt"),
			"--cluster-signing-key-file=" + p("ca.key"),
			"--service-cluster-ip-range=10.96.0.0/16",
			// All default controllers (deployment, replicaset, namespace,
			// garbage-collector, serviceaccount, serviceaccount-token, job,
			// statefulset, daemonset, ...).
			"--controllers=*",
			"--profiling=false",
		}
	case "scheduler":
		a = []string{
			"--kubeconfig=" + s.kubeconfigPath("scheduler"),
			"--authentication-kubeconfig=" + s.kubeconfigPath("scheduler"),
			"--authorization-kubeconfig=" + s.kubeconfigPath("scheduler"),
			"--bind-address=127.0.0.1",
			fmt.Sprintf("--secure-port=%d", s.ports["scheduler"]),
			"--cert-dir=" + filepath.Join(s.dir, "scheduler"),
			"--leader-elect=false",
			"--profiling=false",
		}
	case "kwok":
		// site/content/en/docs/user/kwok-out-cluster.md
		a = []string{
			"--kubeconfig=" + s.kubeconfigPath("kwok"),
			"--config=" + filepath.Join(s.dir, "kwok.yaml"),
			"--manage-all-nodes=false",
			"--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
			"--manage-nodes-with-label-selector=",
			"--manage-single-node=",
			"--cidr=10.244.0.0/16",
			// Every Node's address and kubelet port: kwok's own server
			// (pkg/kwok/cmd/root.go startServer; one server answers for all
			// Nodes, by pod), on loopback, with a certificate of the
			// cluster CA. Nothing is dialled beyond 127.0.0.1.
			"--node-ip=" + nodeIP,
			fmt.Sprintf("--node-port=%d", s.ports["kwok"]),
			fmt.Sprintf("--server-address=%s:%d", nodeIP, s.ports["kwok"]),
			"--tls-cert-file=" + p("kubelet.crt"),
			"--tls-private-key-file=" + p("kubelet.key"),
			"--node-lease-duration-seconds=40",
		}
	}
	return append(a, s.extra[name]...)
}

func (s *supervisor) startChild(name string) error {
	logPath := filepath.Join(s.logs, name+".log")
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	cmd := exec.Command(s.self, append([]string{name}, s.args(name)...)...)
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	cmd.Dir = s.dir
	// Own process group: a Ctrl-C on the terminal reaches the supervisor
	// only, which stops the children in order. Pdeathsig: the kernel kills
	// the child when the supervisor dies without that chance.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return fmt.Errorf("%s: %w", name, err)
	}
	c := &child{name: name, cmd: cmd, done: make(chan struct{})}
	s.mu.Lock()
	s.children[name] = c
	s.mu.Unlock()
	go func() {
		err := cmd.Wait()
		logFile.Close()
		close(c.done)
		s.mu.Lock()
		unexpected := !c.expected && !s.stopping
		s.mu.Unlock()
		if unexpected {
			s.fatal <- fmt.Errorf("%s exited (%v); last lines of %s:\n%s", name, err, logPath, tail(logPath, 15))
		}
	}()
	return nil
}

func tail(path string, n int) string {
	data, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func (s *supervisor) stopChild(name string, grace time.Duration) {
	s.mu.Lock()
	c := s.children[name]
	if c != nil {
		c.expected = true
	}
	s.mu.Unlock()
	if c == nil {
		return
	}
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-c.done:
	case <-time.After(grace):
		_ = c.cmd.Process.Kill()
		<-c.done
	}
}

// restartChild stops a component with SIGTERM and starts it again with the
// same flags (same port). The API server's graceful stop waits for open
// requests up to --request-timeout (60 s; k8s.io/apiserver/pkg/server/config.go
// ShutdownTimeout), and the other components' watches keep it busy that long:
// after 5 s it is killed, as a kubelet kills a container past its grace period.
func (s *supervisor) restartChild(ctx context.Context, name string) (int, error) {
	s.stopChild(name, 5*time.Second)
	if err := s.startChild(name); err != nil {
		return 0, err
	}
	if name == "apiserver" {
		if err := s.waitAPIServer(ctx); err != nil {
			return 0, err
		}
	}
	s.mu.Lock()
	pid := s.children[name].cmd.Process.Pid
	s.mu.Unlock()
	return pid, s.writeState()
}

func (s *supervisor) shutdown() {
	s.mu.Lock()
	s.stopping = true
	s.mu.Unlock()
	start := time.Now()
	var wg sync.WaitGroup
	for _, name := range []string{"kwok", "scheduler", "controller-manager"} {
		wg.Add(1)
		go func(n string) { defer wg.Done(); s.stopChild(n, 5*time.Second) }(name)
	}
	wg.Wait()
	// Our own informers' watches would hold the API server's graceful stop.
	if s.stopChecker != nil {
		s.stopChecker()
	}
	s.stopChild("apiserver", 10*time.Second)
	if s.etcd != nil {
		s.etcd.Close()
	}
	for _, f := range []string{"cluster.json", "realcluster.pid", "control.sock"} {
		_ = os.Remove(filepath.Join(s.dir, f))
	}
	s.logf("stopped in %.1fs", time.Since(start).Seconds())
}

// waitAPIServer polls /readyz (every post-start hook done, RBAC bootstrap
// policy written) with the admin client.
func (s *supervisor) waitAPIServer(ctx context.Context) error {
	for {
		body, err := s.client.Discovery().RESTClient().Get().AbsPath("/readyz").DoRaw(ctx)
		if err == nil && strings.TrimSpace(string(body)) == "ok" {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("kube-apiserver not ready: %v (log: %s)\n%s", err, filepath.Join(s.logs, "apiserver.log"), tail(filepath.Join(s.logs, "apiserver.log"), 15))
		case err := <-s.fatal:
			return err
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// ensureNodes creates the kwok Nodes (annotation kwok.x-k8s.io/node=fake:
// kwok manages them, site/content/en/docs/user/kwok-manage-nodes-and-pods.md).
// No taint, so ordinary pods schedule onto them.
func (s *supervisor) ensureNodes(ctx context.Context, count int) error {
	for i := 0; i < count; i++ {
		name := fmt.Sprintf("kwok-node-%d", i)
		s.nodes = append(s.nodes, name)
		node := &corev1.Node{
			ObjectMeta: metav1.ObjectMeta{
				Name:        name,
				Annotations: map[string]string{"kwok.x-k8s.io/node": "fake", "node.alpha.kubernetes.io/ttl": "0"},
				Labels: map[string]string{
					"kubernetes.io/hostname": name,
					"kubernetes.io/os":       "linux",
					"kubernetes.io/arch":     "amd64",
					"type":                   "kwok",
				},
			},
			Status: corev1.NodeStatus{
				Addresses: []corev1.NodeAddress{
					{Type: corev1.NodeInternalIP, Address: nodeIP},
					{Type: corev1.NodeHostName, Address: name},
				},
				DaemonEndpoints: corev1.NodeDaemonEndpoints{
					KubeletEndpoint: corev1.DaemonEndpoint{Port: int32(s.ports["kwok"])},
				},
				Capacity: corev1.ResourceList{
					corev1.ResourceCPU:    resource.MustParse("32"),
					corev1.ResourceMemory: resource.MustParse("256Gi"),
					corev1.ResourcePods:   resource.MustParse("110"),
				},
				Allocatable: corev1.ResourceList{
					corev1.ResourceCPU:    resource.MustParse("32"),
					corev1.ResourceMemory: resource.MustParse("256Gi"),
					corev1.ResourcePods:   resource.MustParse("110"),
				},
			},
		}
		_, err := s.client.CoreV1().Nodes().Create(ctx, node, metav1.CreateOptions{})
		if apierrors.IsAlreadyExists(err) {
			// A directory started again: its kwok port may have changed,
			// and a Node of an older run may still name another address.
			err = s.updateNodeEndpoint(ctx, name)
		}
		if err != nil {
			return fmt.Errorf("node %s: %w", name, err)
		}
	}
	return nil
}

// nodeIP is every kwok Node's InternalIP and the address of kwok's server.
const nodeIP = "127.0.0.1"

// updateNodeEndpoint points an existing Node at this run's kwok server.
func (s *supervisor) updateNodeEndpoint(ctx context.Context, name string) error {
	node, err := s.client.CoreV1().Nodes().Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		return err
	}
	addresses := []corev1.NodeAddress{{Type: corev1.NodeInternalIP, Address: nodeIP}}
	for _, a := range node.Status.Addresses {
		if a.Type != corev1.NodeInternalIP {
			addresses = append(addresses, a)
		}
	}
	node.Status.Addresses = addresses
	node.Status.DaemonEndpoints.KubeletEndpoint.Port = int32(s.ports["kwok"])
	_, err = s.client.CoreV1().Nodes().UpdateStatus(ctx, node, metav1.UpdateOptions{})
	return err
}

// waitControllers: the Nodes Ready (kwok runs), the default ServiceAccount
// and kube-root-ca.crt in "default" (the controller manager runs), the
// scheduler's /healthz.
func (s *supervisor) waitControllers(ctx context.Context) error {
	insecure := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}, Timeout: 2 * time.Second}
	steps := []struct {
		what string
		ok   func() bool
	}{
		{"kwok nodes Ready", func() bool {
			for _, n := range s.nodes {
				node, err := s.client.CoreV1().Nodes().Get(ctx, n, metav1.GetOptions{})
				if err != nil {
					return false
				}
				ready := false
				for _, c := range node.Status.Conditions {
					if c.Type == corev1.NodeReady && c.Status == corev1.ConditionTrue {
						ready = true
					}
				}
				if !ready {
					return false
				}
			}
			return true
		}},
		{"controller manager (default ServiceAccount, kube-root-ca.crt)", func() bool {
			if _, err := s.client.CoreV1().ServiceAccounts("default").Get(ctx, "default", metav1.GetOptions{}); err != nil {
				return false
			}
			_, err := s.client.CoreV1().ConfigMaps("default").Get(ctx, "kube-root-ca.crt", metav1.GetOptions{})
			return err == nil
		}},
		{"scheduler /healthz", func() bool {
			resp, err := insecure.Get(fmt.Sprintf("https://127.0.0.1:%d/healthz", s.ports["scheduler"]))
			if err != nil {
				return false
			}
			defer resp.Body.Close()
			_, _ = io.Copy(io.Discard, resp.Body)
			return resp.StatusCode == 200
		}},
		{"controller manager /healthz", func() bool {
			resp, err := insecure.Get(fmt.Sprintf("https://127.0.0.1:%d/healthz", s.ports["controller-manager"]))
			if err != nil {
				return false
			}
			defer resp.Body.Close()
			_, _ = io.Copy(io.Discard, resp.Body)
			return resp.StatusCode == 200
		}},
	}
	for _, step := range steps {
		for !step.ok() {
			select {
			case <-ctx.Done():
				return fmt.Errorf("waiting for %s: %w", step.what, ctx.Err())
			case err := <-s.fatal:
				return err
			case <-time.After(200 * time.Millisecond):
			}
		}
		s.logf("%s", step.what)
	}
	return nil
}

func (s *supervisor) state() clusterState {
	st := clusterState{
		PID:        os.Getpid(),
		Dir:        s.dir,
		URL:        s.url(),
		Kubeconfig: s.kubeconfigPath("admin"),
		CAFile:     s.pki.path("ca.crt"),
		CertFile:   s.pki.path("admin.crt"),
		KeyFile:    s.pki.path("admin.key"),
		Token:      s.token,
		Control:    filepath.Join(s.dir, "control.sock"),
		Etcd:       fmt.Sprintf("http://127.0.0.1:%d", s.ports["etcd"]),
		Version:    version.Get().GitVersion,
		Nodes:      s.nodes,
		Ports:      s.ports,
		Components: map[string]componentInfo{},
		ReadyMs:    time.Since(s.start).Milliseconds(),
	}
	s.mu.Lock()
	for name, c := range s.children {
		st.Components[name] = componentInfo{PID: c.cmd.Process.Pid, Log: filepath.Join(s.logs, name+".log")}
	}
	s.mu.Unlock()
	st.Components["etcd"] = componentInfo{PID: os.Getpid(), Log: filepath.Join(s.logs, "etcd.log")}
	return st
}

// writeState writes cluster.json (atomically) and, the first time, starts
// the control socket and prints the kubeconfig path on stdout.
func (s *supervisor) writeState() error {
	data, err := json.MarshalIndent(s.state(), "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(s.dir, "cluster.json.tmp")
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return err
	}
	first := !exists(filepath.Join(s.dir, "control.sock"))
	if first {
		if err := s.serveControl(); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, filepath.Join(s.dir, "cluster.json")); err != nil {
		return err
	}
	if first {
		s.logf("ready: kubectl --kubeconfig %s get nodes", s.kubeconfigPath("admin"))
		fmt.Println(s.kubeconfigPath("admin"))
	}
	return nil
}

// serveControl: HTTP on <dir>/control.sock for what a test needs beyond the
// Kubernetes API:
//
//	GET  /status                   cluster.json
//	POST /compact                  compact etcd at the current revision
//	POST /restart/<component>      apiserver, controller-manager, scheduler or kwok
//	POST /shutdown                 stop everything
func (s *supervisor) serveControl() error {
	sock := filepath.Join(s.dir, "control.sock")
	_ = os.Remove(sock)
	l, err := net.Listen("unix", sock)
	if err != nil {
		return fmt.Errorf("control socket %s: %w", sock, err)
	}
	mux := http.NewServeMux()
	reply := func(w http.ResponseWriter, code int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_ = json.NewEncoder(w).Encode(v)
	}
	mux.HandleFunc("GET /status", func(w http.ResponseWriter, r *http.Request) {
		reply(w, 200, s.state())
	})
	mux.HandleFunc("POST /compact", func(w http.ResponseWriter, r *http.Request) {
		rev, err := compactEtcd(r.Context(), s.etcd)
		if err != nil {
			reply(w, 500, map[string]string{"error": err.Error()})
			return
		}
		s.logf("etcd compacted at revision %d", rev)
		reply(w, 200, map[string]int64{"revision": rev})
	})
	var restartMu sync.Mutex
	mux.HandleFunc("POST /restart/{name}", func(w http.ResponseWriter, r *http.Request) {
		name := r.PathValue("name")
		switch name {
		case "apiserver", "controller-manager", "scheduler", "kwok":
		default:
			reply(w, 404, map[string]string{"error": "no component " + name})
			return
		}
		restartMu.Lock()
		defer restartMu.Unlock()
		start := time.Now()
		ctx, cancel := context.WithTimeout(r.Context(), 90*time.Second)
		defer cancel()
		pid, err := s.restartChild(ctx, name)
		if err != nil {
			reply(w, 500, map[string]string{"error": err.Error()})
			return
		}
		s.logf("%s restarted (pid %d) in %.1fs", name, pid, time.Since(start).Seconds())
		reply(w, 200, map[string]any{"pid": pid, "ms": time.Since(start).Milliseconds()})
	})
	mux.HandleFunc("POST /shutdown", func(w http.ResponseWriter, r *http.Request) {
		reply(w, 202, map[string]bool{"stopping": true})
		s.requestShutdown()
	})
	srv := &http.Server{Handler: mux}
	go func() {
		if err := srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.logf("control socket: %v", err)
		}
	}()
	return nil
}
