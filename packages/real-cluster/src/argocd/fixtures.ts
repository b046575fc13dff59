/**
 * A small Helm chart for tests, shaped like web-core's deploy/charts/web-app as our example repo
 * describes it (examples/web-core-repo/.okteto/okteto.yml): labels app.kubernetes.io/name=web-app
 * and app.kubernetes.io/instance=<release>, one container named `app`, a Service, replicas from
 * values. Returns the files under `chartDir`.
 */
export function webAppChart(
  chartDir = 'deploy/charts/web-app',
): Record<string, string> {
  return {
    [`${chartDir}/Chart.yaml`]: [
      'apiVersion: v2',
      'name: web-app',
      'version: 0.1.0',
      'appVersion: "1.0.0"',
      '',
    ].join('\n'),
    [`${chartDir}/values.yaml`]: [
      'replicaCount: 1',
      'image: nginx:1.27',
      'port: 3000',
      'env: {}',
      '',
    ].join('\n'),
    [`${chartDir}/templates/deployment.yaml`]: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web-app
  labels:
    app.kubernetes.io/name: web-app
    app.kubernetes.io/instance: {{ .Release.Name }}
spec:
  replicas: {{ .Values.replicaCount }}
  selector:
    matchLabels:
      app.kubernetes.io/name: web-app
      app.kubernetes.io/instance: {{ .Release.Name }}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: web-app
        app.kubernetes.io/instance: {{ .Release.Name }}
    spec:
      containers:
        - name: app
          image: {{ .Values.image }}
          ports:
            - containerPort: {{ .Values.port }}
          env:
            {{- range $k, $v := .Values.env }}
            - name: {{ $k }}
              value: {{ $v | quote }}
            {{- end }}
`,
    [`${chartDir}/templates/service.yaml`]: `apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}-web-app
  labels:
    app.kubernetes.io/name: web-app
    app.kubernetes.io/instance: {{ .Release.Name }}
spec:
  selector:
    app.kubernetes.io/name: web-app
    app.kubernetes.io/instance: {{ .Release.Name }}
  ports:
    - port: 80
      targetPort: {{ .Values.port }}
`,
  };
}

/** An Application like web-core's deploy/argocd/apps/dev/*.yaml, pointing at a repo of ours. */
export function webAppApplication({
  name,
  namespace,
  repoURL,
  destinationNamespace,
  valueFiles = [],
  selfHeal = false,
  prune = true,
  path = 'deploy/charts/web-app',
  targetRevision = 'main',
}: {
  name: string;
  namespace: string;
  repoURL: string;
  destinationNamespace: string;
  valueFiles?: string[];
  selfHeal?: boolean;
  prune?: boolean;
  path?: string;
  targetRevision?: string;
}) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace },
    spec: {
      project: 'default',
      source: {
        repoURL,
        targetRevision,
        path,
        // no releaseName, as web-core's: Argo CD then uses the Application's name
        helm: { valueFiles },
      },
      destination: {
        server: 'https://kubernetes.default.svc',
        namespace: destinationNamespace,
      },
      syncPolicy: {
        automated: { prune, selfHeal },
        syncOptions: ['CreateNamespace=true'],
      },
    },
  };
}
