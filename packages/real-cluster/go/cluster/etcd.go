package main

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	etcdversion "go.etcd.io/etcd/api/v3/version"
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/server/v3/embed"
	"go.etcd.io/etcd/server/v3/etcdserver/api/v3client"
)

func etcdVersion() string { return etcdversion.Version }

// startEtcd runs etcd in this process (go.etcd.io/etcd/server/v3/embed, the
// version k8s.io/kubernetes v1.36 itself requires): one member, on loopback.
func startEtcd(dataDir string, clientPort, peerPort int, logFile string) (*embed.Etcd, error) {
	cfg := embed.NewConfig()
	cfg.Name = "real-cluster"
	cfg.Dir = dataDir
	client := url.URL{Scheme: "http", Host: fmt.Sprintf("127.0.0.1:%d", clientPort)}
	peer := url.URL{Scheme: "http", Host: fmt.Sprintf("127.0.0.1:%d", peerPort)}
	cfg.ListenClientUrls = []url.URL{client}
	cfg.AdvertiseClientUrls = []url.URL{client}
	cfg.ListenPeerUrls = []url.URL{peer}
	cfg.AdvertisePeerUrls = []url.URL{peer}
	cfg.InitialCluster = cfg.InitialClusterFromName(cfg.Name)
	cfg.Logger = "zap"
	cfg.LogLevel = "warn"
	if logFile != "" {
		cfg.LogOutputs = []string{logFile}
	}
	// A throw-away test store: no fsync (the kube-apiserver integration
	// tests' etcd is run the same way), and no metrics listener.
	cfg.UnsafeNoFsync = true
	e, err := embed.StartEtcd(cfg)
	if err != nil {
		return nil, err
	}
	select {
	case <-e.Server.ReadyNotify():
		return e, nil
	case err := <-e.Err():
		e.Close()
		return nil, err
	case <-time.After(60 * time.Second):
		e.Close()
		return nil, fmt.Errorf("etcd did not become ready in 60s")
	}
}

// compactEtcd compacts the whole key space at the current revision, the way
// the API server's own compactor does (k8s.io/apiserver/pkg/storage/etcd3/compact.go),
// but now: watches and lists from an older resourceVersion then get 410 Gone
// once they reach etcd.
func compactEtcd(ctx context.Context, e *embed.Etcd) (int64, error) {
	cli := v3client.New(e.Server)
	defer cli.Close()
	resp, err := cli.Get(ctx, "compact_rev_key")
	if err != nil {
		return 0, err
	}
	rev := resp.Header.Revision
	if _, err := cli.Compact(ctx, rev, clientv3.WithCompactPhysical()); err != nil {
		return 0, err
	}
	return rev, nil
}

// runEtcd: `realcluster etcd --dir D --port P` runs the same embedded etcd
// alone, in the foreground.
func runEtcd(args []string) int {
	fs := flag.NewFlagSet("etcd", flag.ContinueOnError)
	dir := fs.String("dir", "", "data directory (required)")
	port := fs.Int("port", 2379, "client port on 127.0.0.1")
	peerPort := fs.Int("peer-port", 0, "peer port on 127.0.0.1 (default: a free one)")
	if err := fs.Parse(args); err != nil || *dir == "" {
		fmt.Fprintln(os.Stderr, "usage: realcluster etcd --dir D [--port P] [--peer-port Q]")
		return 2
	}
	pp := *peerPort
	if pp == 0 {
		var err error
		if pp, err = freePort(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	e, err := startEtcd(filepath.Join(*dir, "etcd"), *port, pp, "")
	if err != nil {
		fmt.Fprintln(os.Stderr, "etcd:", err)
		return 1
	}
	fmt.Printf("etcd %s ready on http://127.0.0.1:%d\n", etcdVersion(), *port)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	select {
	case <-sig:
	case err := <-e.Err():
		fmt.Fprintln(os.Stderr, "etcd:", err)
	}
	e.Close()
	return 0
}
