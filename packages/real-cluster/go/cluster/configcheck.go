package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"
)

// The part of the kubelet that kwok has not: before it starts a container it
// resolves the container's environment, and a missing Secret or ConfigMap (or
// key) that is not optional keeps the container waiting in
// CreateContainerConfigError until it appears
// (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables,
// pkg/kubelet/kuberuntime/kuberuntime_container.go startContainer).
//
// This controller looks at scheduled pods whose containers reference Secrets
// or ConfigMaps through env or envFrom:
//   - all found: annotation configCheckedAnnotation=true, and kwok's
//     pod-ready Stage (gated on it, see kwok.go) makes the pod Running;
//   - something missing: annotation configErrorAnnotation = a JSON map of
//     container name to the kubelet's message, which our Stage
//     real-cluster-config-error renders as waiting CreateContainerConfigError;
//     when the Secret or ConfigMap is created, the pod goes on to Running.
//
// Pods with a real-cluster.okteto-dev/state label are the Stages' own.
const (
	configCheckedAnnotation = "real-cluster.okteto-dev/config-checked"
	configErrorAnnotation   = "real-cluster.okteto-dev/config-error"
)

type configChecker struct {
	client     kubernetes.Interface
	pods       cache.Indexer
	secrets    cache.Indexer
	configMaps cache.Indexer
	queue      workqueue.TypedRateLimitingInterface[string]
}

func hasConfigRefs(pod *corev1.Pod) bool {
	for _, c := range pod.Spec.Containers {
		for _, f := range c.EnvFrom {
			if (f.SecretRef != nil && !isTrue(f.SecretRef.Optional)) || (f.ConfigMapRef != nil && !isTrue(f.ConfigMapRef.Optional)) {
				return true
			}
		}
		for _, e := range c.Env {
			if e.ValueFrom == nil {
				continue
			}
			if (e.ValueFrom.SecretKeyRef != nil && !isTrue(e.ValueFrom.SecretKeyRef.Optional)) ||
				(e.ValueFrom.ConfigMapKeyRef != nil && !isTrue(e.ValueFrom.ConfigMapKeyRef.Optional)) {
				return true
			}
		}
	}
	return false
}

func isTrue(b *bool) bool { return b != nil && *b }

// missing gives, per container, the error the kubelet's
// makeEnvironmentVariables returns first (envFrom in order, then env).
func (c *configChecker) missing(pod *corev1.Pod) map[string]string {
	out := map[string]string{}
	ns := pod.Namespace
	secret := func(name string) (*corev1.Secret, bool) {
		obj, ok, _ := c.secrets.GetByKey(ns + "/" + name)
		if !ok {
			return nil, false
		}
		return obj.(*corev1.Secret), true
	}
	configMap := func(name string) (*corev1.ConfigMap, bool) {
		obj, ok, _ := c.configMaps.GetByKey(ns + "/" + name)
		if !ok {
			return nil, false
		}
		return obj.(*corev1.ConfigMap), true
	}
	// The watch-based managers' NotFound: apierrors.NewNotFound(corev1.Resource("secret"), name).
	notFound := func(resource, name string) string {
		return apierrors.NewNotFound(corev1.Resource(resource), name).Error()
	}
	for _, ctr := range pod.Spec.Containers {
		msg := ""
		for _, f := range ctr.EnvFrom {
			if msg != "" {
				break
			}
			switch {
			case f.ConfigMapRef != nil:
				if _, ok := configMap(f.ConfigMapRef.Name); !ok && !isTrue(f.ConfigMapRef.Optional) {
					msg = notFound("configmap", f.ConfigMapRef.Name)
				}
			case f.SecretRef != nil:
				if _, ok := secret(f.SecretRef.Name); !ok && !isTrue(f.SecretRef.Optional) {
					msg = notFound("secret", f.SecretRef.Name)
				}
			}
		}
		for _, e := range ctr.Env {
			if msg != "" {
				break
			}
			if e.ValueFrom == nil {
				continue
			}
			switch {
			case e.ValueFrom.ConfigMapKeyRef != nil:
				ref := e.ValueFrom.ConfigMapKeyRef
				cm, ok := configMap(ref.Name)
				switch {
				case !ok && !isTrue(ref.Optional):
					msg = notFound("configmap", ref.Name)
				case ok && !isTrue(ref.Optional):
					if _, has := cm.Data[ref.Key]; !has {
						if _, hasBinary := cm.BinaryData[ref.Key]; !hasBinary {
							msg = fmt.Sprintf("couldn't find key %v in ConfigMap %v/%v", ref.Key, ns, ref.Name)
						}
					}
				}
			case e.ValueFrom.SecretKeyRef != nil:
				ref := e.ValueFrom.SecretKeyRef
				s, ok := secret(ref.Name)
				switch {
				case !ok && !isTrue(ref.Optional):
					msg = notFound("secret", ref.Name)
				case ok && !isTrue(ref.Optional):
					if _, has := s.Data[ref.Key]; !has {
						msg = fmt.Sprintf("couldn't find key %v in Secret %v/%v", ref.Key, ns, ref.Name)
					}
				}
			}
		}
		if msg != "" {
			out[ctr.Name] = msg
		}
	}
	return out
}

func startConfigChecker(ctx context.Context, client kubernetes.Interface, logf func(string, ...any)) {
	factory := informers.NewSharedInformerFactory(client, 10*time.Minute)
	podInf := factory.Core().V1().Pods().Informer()
	secretInf := factory.Core().V1().Secrets().Informer()
	cmInf := factory.Core().V1().ConfigMaps().Informer()
	c := &configChecker{
		client:     client,
		pods:       podInf.GetIndexer(),
		secrets:    secretInf.GetIndexer(),
		configMaps: cmInf.GetIndexer(),
		queue:      workqueue.NewTypedRateLimitingQueue(workqueue.DefaultTypedControllerRateLimiter[string]()),
	}
	_ = c.pods.AddIndexers(cache.Indexers{cache.NamespaceIndex: cache.MetaNamespaceIndexFunc})
	enqueuePod := func(obj any) {
		if key, err := cache.MetaNamespaceKeyFunc(obj); err == nil {
			c.queue.Add(key)
		}
	}
	enqueueNamespace := func(obj any) {
		ns := ""
		switch o := obj.(type) {
		case *corev1.Secret:
			ns = o.Namespace
		case *corev1.ConfigMap:
			ns = o.Namespace
		default:
			return
		}
		pods, _ := c.pods.ByIndex(cache.NamespaceIndex, ns)
		for _, p := range pods {
			enqueuePod(p)
		}
	}
	_, _ = podInf.AddEventHandler(cache.ResourceEventHandlerFuncs{AddFunc: enqueuePod, UpdateFunc: func(_, o any) { enqueuePod(o) }})
	for _, inf := range []cache.SharedIndexInformer{secretInf, cmInf} {
		_, _ = inf.AddEventHandler(cache.ResourceEventHandlerFuncs{
			AddFunc:    enqueueNamespace,
			UpdateFunc: func(_, o any) { enqueueNamespace(o) },
			DeleteFunc: enqueueNamespace,
		})
	}
	factory.Start(ctx.Done())
	go func() {
		<-ctx.Done()
		c.queue.ShutDown()
	}()
	go func() {
		if !cache.WaitForCacheSync(ctx.Done(), podInf.HasSynced, secretInf.HasSynced, cmInf.HasSynced) {
			return
		}
		wait.UntilWithContext(ctx, func(ctx context.Context) {
			for c.processNext(ctx, logf) {
			}
		}, time.Second)
	}()
}

func (c *configChecker) processNext(ctx context.Context, logf func(string, ...any)) bool {
	key, quit := c.queue.Get()
	if quit {
		return false
	}
	defer c.queue.Done(key)
	if err := c.sync(ctx, key); err != nil {
		logf("config check %s: %v", key, err)
		c.queue.AddRateLimited(key)
		return true
	}
	c.queue.Forget(key)
	return true
}

func (c *configChecker) sync(ctx context.Context, key string) error {
	obj, ok, err := c.pods.GetByKey(key)
	if err != nil || !ok {
		return err
	}
	pod := obj.(*corev1.Pod)
	if pod.Spec.NodeName == "" || pod.DeletionTimestamp != nil || pod.Labels[stateLabel] != "" ||
		pod.Annotations[configCheckedAnnotation] == "true" || !hasConfigRefs(pod) {
		return nil
	}
	missing := c.missing(pod)
	var annotations map[string]any
	if len(missing) == 0 {
		// Everything is there: the kubelet starts the containers.
		annotations = map[string]any{configCheckedAnnotation: "true", configErrorAnnotation: nil}
	} else {
		data, _ := json.Marshal(missing) // sorted keys: the same map gives the same text
		if pod.Annotations[configErrorAnnotation] == string(data) {
			return nil
		}
		annotations = map[string]any{configErrorAnnotation: string(data)}
	}
	patch, _ := json.Marshal(map[string]any{"metadata": map[string]any{"annotations": annotations}})
	_, err = c.client.CoreV1().Pods(pod.Namespace).Patch(ctx, pod.Name, types.MergePatchType, patch, metav1.PatchOptions{FieldManager: "real-cluster-kubelet"})
	if apierrors.IsNotFound(err) {
		return nil
	}
	return err
}
