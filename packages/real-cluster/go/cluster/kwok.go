package main

import (
	"embed"
	"fmt"
	"os"
	"path"
	"strings"

	"github.com/spf13/pflag"
	"sigs.k8s.io/kwok/kustomize/stage/node/fast"
	heartbeat "sigs.k8s.io/kwok/kustomize/stage/node/heartbeat-with-lease"
	podfast "sigs.k8s.io/kwok/kustomize/stage/pod/fast"
	"sigs.k8s.io/kwok/pkg/apis/v1alpha1"
	"sigs.k8s.io/kwok/pkg/config"
	"sigs.k8s.io/kwok/pkg/consts"
	kwokcmd "sigs.k8s.io/kwok/pkg/kwok/cmd"
	"sigs.k8s.io/kwok/pkg/log"
	"sigs.k8s.io/kwok/pkg/utils/signals"
	"sigs.k8s.io/yaml"
)

// runKwok is sigs.k8s.io/kwok/cmd/kwok/main.go: the same flag set, config
// loading (--config) and command.
func runKwok() int {
	// cobra adds pflag.CommandLine to a root command's flags; in this binary
	// it also holds the Kubernetes components' global flags, among them
	// k8s.io/component-base/version/verflag's non-bool --version, which
	// clashes with the --version cobra gives kwok's command. kwok alone runs
	// in this process: it gets an empty global flag set.
	pflag.CommandLine = pflag.NewFlagSet(os.Args[0], pflag.ExitOnError)
	flagset := pflag.NewFlagSet("global", pflag.ContinueOnError)
	flagset.ParseErrorsAllowlist.UnknownFlags = true
	flagset.Usage = func() {}

	ctx := signals.SetupSignalContext()
	ctx, logger := log.InitFlags(ctx, flagset)

	ctx, err := config.InitFlags(ctx, flagset)
	if err != nil {
		_, _ = os.Stderr.Write([]byte(flagset.FlagUsages()))
		logger.Error("Init config flags", "err", err)
		return 1
	}

	command := kwokcmd.NewCommand(ctx)
	command.PersistentFlags().AddFlagSet(flagset)
	if err := command.ExecuteContext(ctx); err != nil {
		logger.Error("Execute exit", "err", err)
		return 1
	}
	return 0
}

func kwokVersion() string { return consts.Version }

// stateLabel is the pod label our Stages select on.
const stateLabel = "real-cluster.okteto-dev/state"

// ourStates are the values of stateLabel our Stages handle; kwok's default
// pod-ready and pod-complete Stages are told to leave those pods alone (kwok
// picks at random among matching Stages of equal weight:
// pkg/utils/lifecycle/lifecycle.go Match).
var ourStates = []string{
	"crash-loop", "err-image-pull", "image-pull-backoff",
	"create-container-config-error", "container-creating", "not-ready",
}

// configGate is a jq expression (kwok evaluates selector keys with gojq,
// pkg/utils/expression/query.go): "start" when the pod has no non-optional
// env/envFrom reference to a Secret or ConfigMap, or configcheck.go has
// found them all.
var configGate = `if ((.metadata.annotations // {})["` + configCheckedAnnotation + `"] == "true") then "start" ` +
	`elif ([.spec.containers[] | ((.envFrom // [])[] | (.secretRef // .configMapRef)), ` +
	`((.env // [])[] | (.valueFrom // {}) | (.secretKeyRef // .configMapKeyRef)) ` +
	`| select(. != null and .optional != true)] | length) == 0 then "start" else "wait" end`

//go:embed stages/*.yaml
var ourStages embed.FS

// kwokStages is the --config file for kwok: the Stages kwokctl gives a kwok
// cluster by default (pkg/kwokctl/runtime/cluster.go getDefaultNodeStages and
// getDefaultPodStages, taken from the kwok module's embedded files, with the
// node lease heartbeat), the pod ones narrowed to pods without one of our
// states, then our own Stages (stages/*.yaml).
func kwokStages() (string, error) {
	var docs []string
	for _, raw := range []string{fast.DefaultNodeInit, heartbeat.DefaultNodeHeartbeatWithLease, podfast.DefaultPodDelete} {
		docs = append(docs, strings.TrimSpace(raw))
	}
	for _, raw := range []string{podfast.DefaultPodReady, podfast.DefaultPodComplete} {
		var stage v1alpha1.Stage
		if err := yaml.Unmarshal([]byte(raw), &stage); err != nil {
			return "", fmt.Errorf("kwok default stage: %w", err)
		}
		if stage.Spec.Selector == nil {
			stage.Spec.Selector = &v1alpha1.StageSelector{}
		}
		stage.Spec.Selector.MatchExpressions = append(stage.Spec.Selector.MatchExpressions,
			v1alpha1.MatchExpression{
				Key:      fmt.Sprintf(".metadata.labels[%q]", stateLabel),
				Operator: v1alpha1.SelectorOpNotIn,
				Values:   ourStates,
			},
			// A pod whose containers take Secrets or ConfigMaps through env
			// or envFrom starts once configcheck.go found them all.
			v1alpha1.MatchExpression{
				Key:      configGate,
				Operator: v1alpha1.SelectorOpIn,
				Values:   []string{"start"},
			})
		out, err := yaml.Marshal(&stage)
		if err != nil {
			return "", err
		}
		docs = append(docs, strings.TrimSpace(string(out)))
	}
	entries, err := ourStages.ReadDir("stages")
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		data, err := ourStages.ReadFile(path.Join("stages", e.Name()))
		if err != nil {
			return "", err
		}
		docs = append(docs, strings.TrimSpace(string(data)))
	}
	return strings.Join(docs, "\n---\n") + "\n", nil
}
