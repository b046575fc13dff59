// Command realcluster is one multi-call binary (hyperkube style) for the
// project's real Kubernetes test cluster:
//
//	realcluster up [--dir D] ...        supervisor: etcd in-process, the others as children
//	realcluster apiserver ...           k8s.io/kubernetes/cmd/kube-apiserver
//	realcluster controller-manager ...  k8s.io/kubernetes/cmd/kube-controller-manager
//	realcluster scheduler ...           k8s.io/kubernetes/cmd/kube-scheduler
//	realcluster kwok ...                sigs.k8s.io/kwok/cmd/kwok
//	realcluster etcd --dir D --port P   go.etcd.io/etcd/server/v3/embed, alone
//	realcluster version
//
// One binary because the four Kubernetes programs share almost all of their
// packages: the compile of those happens once whatever we do, but each
// separate link of a Kubernetes-sized program costs tens of seconds and a
// gigabyte or more of memory on the project's 2-core machines (see README).
package main

import (
	"fmt"
	"os"

	"k8s.io/component-base/cli"
	_ "k8s.io/component-base/logs/json/register"          // as in cmd/kube-apiserver/apiserver.go
	_ "k8s.io/component-base/metrics/prometheus/clientgo" // load all the prometheus client-go plugins
	_ "k8s.io/component-base/metrics/prometheus/version"  // for version metric registration
	"k8s.io/component-base/version"
	apiserver "k8s.io/kubernetes/cmd/kube-apiserver/app"
	controllermanager "k8s.io/kubernetes/cmd/kube-controller-manager/app"
	scheduler "k8s.io/kubernetes/cmd/kube-scheduler/app"
	_ "time/tzdata" // for CronJob time zones, as upstream's mains
)

func usage() {
	fmt.Fprintln(os.Stderr, "usage: realcluster up|apiserver|controller-manager|scheduler|kwok|etcd|version [flags]")
}

func main() {
	if len(os.Args) < 2 {
		usage()
		os.Exit(2)
	}
	sub := os.Args[1]
	// Each upstream command reads os.Args as if it were its own program.
	os.Args = append([]string{os.Args[0] + " " + sub}, os.Args[2:]...)
	switch sub {
	case "apiserver", "kube-apiserver":
		os.Exit(cli.Run(apiserver.NewAPIServerCommand()))
	case "controller-manager", "kube-controller-manager":
		os.Exit(cli.Run(controllermanager.NewControllerManagerCommand()))
	case "scheduler", "kube-scheduler":
		os.Exit(cli.Run(scheduler.NewSchedulerCommand()))
	case "kwok":
		os.Exit(runKwok())
	case "etcd":
		os.Exit(runEtcd(os.Args[1:]))
	case "up":
		os.Exit(runUp(os.Args[1:]))
	case "version", "--version":
		v := version.Get()
		fmt.Printf("realcluster %s (kubernetes %s, kwok %s, etcd %s, %s)\n", v.GitVersion, v.GitVersion, kwokVersion(), etcdVersion(), v.GoVersion)
		os.Exit(0)
	default:
		usage()
		os.Exit(2)
	}
}
