{{/* Prefix of every resource name: the release name, with the chart name unless the release already says it. */}}
{{- define "cercle.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Labels on every object. */}}
{{- define "cercle.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ default .Chart.Name .Values.nameOverride }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: cercle
{{- end -}}

{{/* Selector of one component ({"root": $, "component": "gateway"}): stable across upgrades. */}}
{{- define "cercle.selector" -}}
app.kubernetes.io/name: {{ default .root.Chart.Name .root.Values.nameOverride }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* In-cluster base URL of one of the six services ({"root": $, "name": "content"}). */}}
{{- define "cercle.serviceUrl" -}}
{{- $svc := index .root.Values.services .name -}}
http://{{ include "cercle.fullname" .root }}-{{ .name }}:{{ $svc.port }}
{{- end -}}

{{/* The services' image ({"root": $, "svc": <services.x>}). */}}
{{- define "cercle.image" -}}
{{- $tag := .svc.tag | default .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{ .root.Values.image.registry }}/{{ .svc.repository }}:{{ $tag }}
{{- end -}}

{{/*
Keycloak as the services see it: the issuer of tokens, where the signing keys are, the Admin API's base URL.
In trial mode tokens are issued for trial.keycloak.publicUrl (what browsers use) while services fetch keys and call
the Admin API on the in-release Service.
*/}}
{{- define "cercle.keycloak" -}}
{{- if .Values.trial.enabled -}}
{{- $internal := printf "http://%s-keycloak:8080" (include "cercle.fullname" .) -}}
issuerUri: {{ printf "%s/realms/%s" (include "cercle.trialKeycloakPublicUrl" .) .Values.keycloak.realm }}
jwkSetUri: {{ printf "%s/realms/%s/protocol/openid-connect/certs" $internal .Values.keycloak.realm }}
url: {{ $internal }}
{{- else -}}
issuerUri: {{ .Values.keycloak.issuerUri }}
jwkSetUri: {{ .Values.keycloak.jwkSetUri | quote }}
url: {{ .Values.keycloak.url }}
{{- end -}}
{{- end -}}

{{/* Trial: the URL browsers reach the in-release Keycloak at (its Ingress host, else trial.keycloak.publicUrl). */}}
{{- define "cercle.trialKeycloakPublicUrl" -}}
{{- if and .Values.ingress.enabled .Values.trial.keycloak.ingressHost -}}
{{ ternary "https" "http" .Values.ingress.tls.enabled }}://{{ .Values.trial.keycloak.ingressHost }}
{{- else -}}
{{ trimSuffix "/" .Values.trial.keycloak.publicUrl }}
{{- end -}}
{{- end -}}

{{/* Trial: a data volume, on a claim when trial.persistence.enabled ({"root": $}). */}}
{{- define "cercle.trialClaim" -}}
{{- if .root.Values.trial.persistence.enabled }}
volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      {{- with .root.Values.trial.persistence.storageClass }}
      storageClassName: {{ . }}
      {{- end }}
      resources:
        requests:
          storage: {{ .root.Values.trial.persistence.size }}
{{- end }}
{{- end -}}

{{/*
The plain (non-secret) environment of one service ({"root": $, "name": "content"}), as a YAML map: the names are
the ${VAR} placeholders of the service's application.yml and of service-defaults' cercle-defaults.properties
(k8s' ChartEnvironmentTest checks that each one is read). Every service gets the same treatment: what sets one apart
comes from its values (uses, calls, managementPort, env), never from its name.
*/}}
{{- define "cercle.env" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
{{- $svc := index $v.services .name -}}
{{- $fullname := include "cercle.fullname" $root -}}
{{- $keycloak := include "cercle.keycloak" $root | fromYaml -}}
SERVER_PORT: {{ $svc.port | quote }}
LOG_FORMAT: {{ $v.common.logFormat | quote }}
JAVA_TOOL_OPTIONS: {{ $v.common.javaToolOptions | quote }}
TRACING_SAMPLING_PROBABILITY: {{ $v.common.tracing.samplingProbability | quote }}
OTEL_EXPORT_ENABLED: {{ ne $v.common.tracing.otlpEndpoint "" | quote }}
{{- with $v.common.tracing.otlpEndpoint }}
OTEL_EXPORTER_OTLP_ENDPOINT: {{ . | quote }}
{{- end }}
CERCLE_SECURITY_CLOCK_SKEW: {{ $v.common.tokenClockSkew | quote }}
KEYCLOAK_ISSUER_URI: {{ $keycloak.issuerUri | quote }}
{{- with $keycloak.jwkSetUri }}
KEYCLOAK_JWK_SET_URI: {{ . | quote }}
{{- end }}
{{- if and (has "mongodb" $svc.uses) $v.trial.enabled }}
MONGODB_URI: {{ printf "mongodb://%s-mongodb:27017/cercle-%s" $fullname .name | quote }}
{{- end }}
{{- if has "rabbitmq" $svc.uses }}
{{- if $v.trial.enabled }}
RABBITMQ_HOST: {{ printf "%s-rabbitmq" $fullname | quote }}
RABBITMQ_PORT: "5672"
RABBITMQ_VHOST: "/"
{{- else }}
RABBITMQ_HOST: {{ $v.rabbitmq.host | quote }}
RABBITMQ_PORT: {{ $v.rabbitmq.port | quote }}
RABBITMQ_VHOST: {{ $v.rabbitmq.vhost | quote }}
{{- end }}
RABBITMQ_USERNAME: {{ $svc.rabbitmq.username | quote }}
RABBITMQ_QUORUM_QUEUES: {{ $v.rabbitmq.quorumQueues | quote }}
CERCLE_CONSUMER_MAX_ATTEMPTS: {{ $v.common.consumerMaxAttempts | quote }}
{{- end }}
{{- range $called := $svc.calls }}
{{ upper $called }}_URI: {{ include "cercle.serviceUrl" (dict "root" $root "name" $called) | quote }}
{{- end }}
{{- if hasKey $svc "managementPort" }}
MANAGEMENT_PORT: {{ $svc.managementPort | quote }}
{{- end }}
{{- if and (has "redis" $svc.uses) $v.redis.host }}
REDIS_HOST: {{ $v.redis.host | quote }}
REDIS_PORT: {{ $v.redis.port | quote }}
{{- end }}
{{- if has "keycloakAdmin" $svc.uses }}
KEYCLOAK_URL: {{ $keycloak.url | quote }}
KEYCLOAK_REALM: {{ $v.keycloak.realm | quote }}
KEYCLOAK_ADMIN_REALM: {{ $v.keycloak.realm | quote }}
KEYCLOAK_ADMIN_CLIENT_ID: {{ $v.keycloak.admin.clientId | quote }}
{{- end }}
{{- if has "smtp" $svc.uses }}
{{- if $v.trial.enabled }}
SMTP_HOST: {{ printf "%s-mailcatcher" $fullname | quote }}
SMTP_PORT: "1025"
SMTP_USERNAME: ""
{{- else }}
SMTP_HOST: {{ $v.smtp.host | quote }}
SMTP_PORT: {{ $v.smtp.port | quote }}
SMTP_USERNAME: {{ $v.smtp.username | quote }}
SMTP_STARTTLS_REQUIRED: {{ $v.smtp.starttlsRequired | quote }}
SMTP_SSL: {{ $v.smtp.ssl | quote }}
{{- end }}
SMTP_CONNECT_TIMEOUT_MS: {{ $v.smtp.connectTimeoutMs | quote }}
SMTP_TIMEOUT_MS: {{ $v.smtp.timeoutMs | quote }}
{{- end }}
{{- range $key, $value := $svc.env }}
{{ $key }}: {{ $value | quote }}
{{- end }}
{{- end -}}

{{/* One environment variable read from existingSecret ({"root": $, "env": "NAME", "key": "secret-key"}). */}}
{{- define "cercle.secretEnv" -}}
- name: {{ .env }}
  valueFrom:
    secretKeyRef:
      name: {{ .root.Values.existingSecret }}
      key: {{ .key }}
{{- end -}}

{{/*
The secret environment of one service ({"root": $, "name": "content"}): references, never values. The credentials of
what it uses, then its own secretEnv.
*/}}
{{- define "cercle.secretEnvs" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
{{- $svc := index $v.services .name -}}
{{- $keys := $v.secrets.keys -}}
{{- if and (has "mongodb" $svc.uses) (not $v.trial.enabled) }}
{{ include "cercle.secretEnv" (dict "root" $root "env" "MONGODB_URI" "key" (printf "%s%s" $keys.mongodbUriPrefix .name)) }}
{{- end }}
{{- if has "rabbitmq" $svc.uses }}
{{ include "cercle.secretEnv" (dict "root" $root "env" "RABBITMQ_PASSWORD" "key" (printf "%s%s" $keys.rabbitmqPasswordPrefix .name)) }}
{{- end }}
{{- if has "keycloakAdmin" $svc.uses }}
{{ include "cercle.secretEnv" (dict "root" $root "env" "KEYCLOAK_ADMIN_CLIENT_SECRET" "key" $keys.keycloakClientSecret) }}
{{- end }}
{{- if and (has "smtp" $svc.uses) $v.smtp.username (not $v.trial.enabled) }}
{{ include "cercle.secretEnv" (dict "root" $root "env" "SMTP_PASSWORD" "key" $keys.smtpPassword) }}
{{- end }}
{{- if and (has "redis" $svc.uses) $v.redis.host $v.redis.auth }}
{{ include "cercle.secretEnv" (dict "root" $root "env" "REDIS_PASSWORD" "key" $keys.redisPassword) }}
{{- end }}
{{- range $env, $key := $svc.secretEnv }}
{{ include "cercle.secretEnv" (dict "root" $root "env" $env "key" $key) }}
{{- end }}
{{- end -}}

{{/* Pod-level security: never root, the runtime's default seccomp profile. */}}
{{- define "cercle.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .uid }}
runAsGroup: {{ .uid }}
fsGroup: {{ .uid }}
# Re-own a volume only when its root is not ours yet: a recursive chmod on every mount would loosen files that
# must stay private (RabbitMQ refuses an Erlang cookie readable by its group).
fsGroupChangePolicy: OnRootMismatch
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Container-level security: read-only root filesystem, no privilege escalation, no capabilities. */}}
{{- define "cercle.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .uid }}
runAsGroup: {{ .uid }}
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
capabilities:
  drop: [ALL]
{{- end -}}

{{/*
The RabbitMQ permissions of one service ({"name": "notification", "svc": <services.notification>}) as
configure/write/read regexes, the same as the devstack's BrokerAccount and docs/operations.md#rabbitmq-users: write
only its exchange cercle.<name>; read only its queues cercle.<source>.<name>-service.<group> and their .dlq;
configure (declare) those, the exchanges it consumes from (services.<name>.rabbitmq.consumesFrom: the binder declares
a consumer's source exchange before binding to it) and DLX, the binder's dead-letter exchange, which it also writes
(republish-to-dlq) and reads (binding its .dlq queues).
*/}}
{{- define "cercle.rabbitmqPermissions" -}}
{{- $own := printf "cercle\\.%s" .name -}}
{{- $queues := printf "cercle\\.[^.]+\\.%s-service\\..+" .name -}}
{{- $read := list -}}
{{- range .svc.rabbitmq.consumesFrom }}{{ $read = append $read (printf "cercle\\.%s" .) }}{{ end -}}
configure: {{ printf "^(%s)$" (join "|" (concat (list $own) $read (list $queues "DLX"))) | quote }}
write: {{ printf "^(%s)$" (join "|" (list $own $queues "DLX")) | quote }}
read: {{ printf "^(%s)$" (join "|" (concat $read (list $queues "DLX"))) | quote }}
{{- end -}}

{{/* The services that use one piece of infrastructure ({"root": $, "uses": "rabbitmq"}), as a YAML list. */}}
{{- define "cercle.servicesUsing" -}}
{{- $names := list -}}
{{- range $name, $svc := .root.Values.services }}{{ if has $.uses $svc.uses }}{{ $names = append $names $name }}{{ end }}{{ end -}}
{{- $names | toYaml -}}
{{- end -}}

{{/*
The trial RabbitMQ's definitions (RabbitMQ's import format, the devstack's too): an administrator for the management
UI, a user per service with cercle.rabbitmqPermissions, and the policy cercle-dead-letters, which drops what stayed
in a dead-letter queue longer than trial.rabbitmq.deadLetterRetentionDays (a policy, not a queue argument: RabbitMQ
refuses to redeclare an existing queue with other arguments). @@NAME@@ are passwords the init container fills in.
*/}}
{{- define "cercle.trialRabbitmqDefinitions" -}}
{{- $v := .Values -}}
{{- $users := list (dict "name" "admin" "password" "@@ADMIN@@" "tags" "administrator") -}}
{{- $permissions := list (dict "user" "admin" "vhost" "/" "configure" ".*" "write" ".*" "read" ".*") -}}
{{- range $name := include "cercle.servicesUsing" (dict "root" . "uses" "rabbitmq") | fromYamlArray -}}
{{- $svc := index $v.services $name -}}
{{- $user := $svc.rabbitmq.username -}}
{{- $users = append $users (dict "name" $user "password" (printf "@@%s@@" (upper $name)) "tags" "") -}}
{{- $p := include "cercle.rabbitmqPermissions" (dict "name" $name "svc" $svc) | fromYaml -}}
{{- $permissions = append $permissions (dict "user" $user "vhost" "/" "configure" $p.configure "write" $p.write "read" $p.read) -}}
{{- end -}}
{{- $ttl := mul $v.trial.rabbitmq.deadLetterRetentionDays 86400000 -}}
{{- $policy := dict "vhost" "/" "name" "cercle-dead-letters" "pattern" "^cercle\\..+\\.dlq$" "apply-to" "queues" "priority" 0 "definition" (dict "message-ttl" $ttl) -}}
{{- dict "vhosts" (list (dict "name" "/")) "users" $users "permissions" $permissions "policies" (list $policy) | toPrettyJson -}}
{{- end -}}
