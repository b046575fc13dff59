package main

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// pki is the set of files one cluster directory holds: one CA that signs the
// API server's serving certificate and every client certificate, and the
// service-account key pair (the API server signs tokens with sa.key and
// verifies them with sa.pub; the controller manager's token controller signs
// with sa.key too).
type pki struct {
	dir string
}

func (p pki) path(name string) string { return filepath.Join(p.dir, name) }

// client is one identity that authenticates with a client certificate: the API
// server takes the user from the subject's CN and the groups from O
// (k8s.io/apiserver/pkg/authentication/request/x509/x509.go, CommonNameUserConversion).
type clientIdentity struct {
	file   string
	user   string
	groups []string
}

// The control-plane identities: the names match the bootstrap RBAC policy's
// subjects (k8s.io/kubernetes/plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go:
// system:kube-controller-manager, system:kube-scheduler), so the real default
// ClusterRoleBindings grant them what they need. kwok and the admin are in
// system:masters.
var clientIdentities = []clientIdentity{
	{file: "admin", user: "real-cluster-admin", groups: []string{"system:masters"}},
	{file: "controller-manager", user: "system:kube-controller-manager"},
	{file: "scheduler", user: "system:kube-scheduler"},
	{file: "kwok", user: "kwok-controller", groups: []string{"system:masters"}},
}

// kubeletClient is the API server's identity towards kubelets
// (--kubelet-client-certificate), named and grouped as kubeadm names it
// (cmd/kubeadm/app/constants/constants.go APIServerKubeletClientCertCommonName,
// ClusterAdminsGroupAndClusterRoleBinding).
var kubeletClient = clientIdentity{file: "apiserver-kubelet-client", user: "kube-apiserver-kubelet-client", groups: []string{"kubeadm:cluster-admins"}}

// ensure writes whatever is missing; files of an earlier run are reused, so a
// directory can be started again (its etcd data is kept too).
func (p pki) ensure() error {
	if err := os.MkdirAll(p.dir, 0o700); err != nil {
		return err
	}
	caCert, caKey, err := p.ensureCA()
	if err != nil {
		return err
	}
	if !exists(p.path("apiserver.crt")) {
		if err := p.writeLeaf("apiserver", caCert, caKey, pkix.Name{CommonName: "kube-apiserver"},
			[]x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
			[]string{"localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"},
			[]net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("10.96.0.1")}); err != nil {
			return err
		}
	}
	// kwok serves the kubelet API (port-forward, logs, exec) for every Node on
	// 127.0.0.1 (kwok.go); the API server checks this certificate with
	// --kubelet-certificate-authority, as it checks a kubelet's serving
	// certificate (pkg/kubelet/client/kubelet_client.go).
	if !exists(p.path("kubelet.crt")) {
		if err := p.writeLeaf("kubelet", caCert, caKey, pkix.Name{CommonName: "kwok-kubelet"},
			[]x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
			[]string{"localhost"}, []net.IP{net.ParseIP("127.0.0.1")}); err != nil {
			return err
		}
	}
	for _, id := range append(clientIdentities, kubeletClient) {
		if exists(p.path(id.file + ".crt")) {
			continue
		}
		if err := p.writeLeaf(id.file, caCert, caKey, pkix.Name{CommonName: id.user, Organization: id.groups},
			[]x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}, nil, nil); err != nil {
			return err
		}
	}
	if !exists(p.path("sa.key")) {
		key, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			return err
		}
		if err := writePEM(p.path("sa.key"), "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(key), 0o600); err != nil {
			return err
		}
		pub, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
		if err != nil {
			return err
		}
		if err := writePEM(p.path("sa.pub"), "PUBLIC KEY", pub, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func (p pki) ensureCA() (*x509.Certificate, crypto.Signer, error) {
	if exists(p.path("ca.crt")) && exists(p.path("ca.key")) {
		return loadPair(p.path("ca.crt"), p.path("ca.key"))
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: "real-cluster-ca"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(10 * 365 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, nil, err
	}
	if err := writePEM(p.path("ca.crt"), "CERTIFICATE", der, 0o644); err != nil {
		return nil, nil, err
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return nil, nil, err
	}
	if err := writePEM(p.path("ca.key"), "EC PRIVATE KEY", keyDER, 0o600); err != nil {
		return nil, nil, err
	}
	cert, err := x509.ParseCertificate(der)
	return cert, key, err
}

func (p pki) writeLeaf(name string, ca *x509.Certificate, caKey crypto.Signer, subject pkix.Name,
	usage []x509.ExtKeyUsage, dns []string, ips []net.IP) error {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: serial(),
		Subject:      subject,
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(10 * 365 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage:  usage,
		DNSNames:     dns,
		IPAddresses:  ips,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, key.Public(), caKey)
	if err != nil {
		return err
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return err
	}
	if err := writePEM(p.path(name+".key"), "EC PRIVATE KEY", keyDER, 0o600); err != nil {
		return err
	}
	return writePEM(p.path(name+".crt"), "CERTIFICATE", der, 0o644)
}

func loadPair(certPath, keyPath string) (*x509.Certificate, crypto.Signer, error) {
	certPEM, err := os.ReadFile(certPath)
	if err != nil {
		return nil, nil, err
	}
	keyPEM, err := os.ReadFile(keyPath)
	if err != nil {
		return nil, nil, err
	}
	cb, _ := pem.Decode(certPEM)
	kb, _ := pem.Decode(keyPEM)
	if cb == nil || kb == nil {
		return nil, nil, errors.New("bad PEM in " + certPath)
	}
	cert, err := x509.ParseCertificate(cb.Bytes)
	if err != nil {
		return nil, nil, err
	}
	key, err := x509.ParseECPrivateKey(kb.Bytes)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", keyPath, err)
	}
	return cert, key, nil
}

func writePEM(path, kind string, der []byte, mode os.FileMode) error {
	return os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: kind, Bytes: der}), mode)
}

func serial() *big.Int {
	n, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 126))
	return n
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
