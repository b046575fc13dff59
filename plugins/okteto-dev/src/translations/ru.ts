import type { OktetoDevMessages } from '../translation';

/**
 * Russian messages of okteto-dev. Every key is required, so a new English message fails the type
 * check until it is translated here.
 */
const ru: { [key in keyof OktetoDevMessages]: string | null } = {
  'card.title': 'Dev-окружение',
  'card.subheader': 'Namespace {{namespace}} в кластере {{cluster}}',
  'card.refresh': 'Обновить',
  'card.loading': 'Загружается состояние dev-окружения',
  'card.stale':
    'Устаревшие данные: кластер не удалось прочитать, показан последний успешный ответ ({{age}}).',
  'card.refreshFailed':
    'Не удалось обновить, показан предыдущий ответ: {{message}}',
  'card.otherErrors': 'Другие ошибки чтения',
  'argo.title': 'Argo CD',
  'argo.application': 'Application {{namespace}}/{{name}}',
  'argo.notFound':
    'Argo CD Application {{namespace}}/{{name}} не найдено. Добавьте его в deploy/argocd/apps/dev.',
  'argo.error': 'Не удалось прочитать Argo CD',
  'argo.revision': 'Ревизия {{sha}}',
  'argo.syncedAgo': 'синхронизировано {{time}}',
  'argo.operation': 'Последняя операция {{phase}}: {{message}}',
  'argo.sync.Synced': 'Синхронизировано',
  'argo.sync.OutOfSync': 'Расходится с Git',
  'argo.sync.Unknown': 'Синхронизация неизвестна',
  'argo.health.Healthy': 'Исправно',
  'argo.health.Progressing': 'Обновляется',
  'argo.health.Degraded': 'Неисправно',
  'argo.health.Suspended': 'Приостановлено',
  'argo.health.Missing': 'Отсутствует',
  'argo.health.Unknown': 'Состояние неизвестно',
  'workload.title': 'Workload',
  'workload.summary':
    '{{kind}} {{name}}: готово {{ready}} из {{replicas}} реплик',
  'workload.notFound': 'Workload не найден в namespace {{namespace}}.',
  'workload.error': 'Не удалось прочитать workload',
  'pod.ready': 'готов',
  'pod.notReady': 'не готов',
  'pod.restarts': 'перезапусков: {{restarts}}',
  'okteto.title': 'Okteto',
  'okteto.off': 'Dev-режим выключен',
  'okteto.offHint': 'Приложение обслуживает деплой Argo CD.',
  'okteto.on': 'Dev-режим включён ({{mode}})',
  'okteto.since': 'запущен {{time}}',
  'okteto.image': 'Образ: {{image}}',
  'okteto.user': 'Разработчик: {{user}}',
  'okteto.noPods': 'Dev-под ещё не запущен.',
  'okteto.broken': 'Dev-режим сломан',
  'okteto.brokenHint':
    'Выполните команду «okteto down» ниже, чтобы восстановить workload, затем снова запустите dev-режим.',
  'okteto.error': 'Не удалось прочитать состояние Okteto',
  'drift.title': 'Расхождение',
  'drift.none': 'Расхождения нет: кластер совпадает с Git.',
  'drift.expectedOkteto':
    'Ожидаемое расхождение: dev-режим Okteto подменил workload, и Argo CD его не трогает, потому что self-heal выключен.',
  'drift.selfHealConflict':
    'Конфликт: self-heal включён, поэтому Argo CD снова поднимает исходный workload, пока работает dev-под, и за одним Service отвечают оба пода. Выключите selfHeal для dev.',
  'drift.unexpected':
    'Неожиданное расхождение: кластер отличается от Git, и dev-режим Okteto этого не объясняет.',
  'drift.unknown':
    'Расхождение неизвестно: кластер не удалось прочитать полностью.',
  'checklist.title': 'Чеклист готовности',
  'checklist.status.pass': 'Выполнено',
  'checklist.status.fail': 'Не выполнено',
  'checklist.status.unknown': 'Неизвестно',
  'checklist.item.argoApplication': 'Argo CD Application для dev',
  'checklist.item.namespaceConvention': 'Namespace web-<app>-dev',
  'checklist.item.synestraEnvDev': 'SYNESTRA_ENV=dev',
  'checklist.item.envSecret': 'Секреты через envFrom.secretRef',
  'checklist.item.selfHealOff': 'Self-heal выключен для dev',
  'checklist.item.devService': 'Dev-сервис Okteto для приложения',
  'checklist.item.devImage': 'Dev-образ (Node.js >= 22, pnpm)',
  'checklist.item.stignore': '.stignore в корне синхронизации',
  'checklist.help.argoApplication':
    'Разверните приложение через Argo CD в web-<app>-dev: deploy/argocd/apps/dev/<app>.yaml и deploy/env/dev/<app>.yaml.',
  'checklist.help.namespaceConvention':
    'Один namespace на приложение, web-<app>-dev, а не общий web-dev: один namespace и одна БД на деплой.',
  'checklist.help.synestraEnvDev':
    'Задайте SYNESTRA_ENV: "dev" в deploy/env/dev/<app>.yaml.',
  'checklist.help.envSecret':
    'Подключите секреты (DATABASE_URI, PAYLOAD_SECRET, ...) через envFrom.secretRef; Secret создаёт платформа.',
  'checklist.help.selfHealOff':
    'Выставьте selfHeal: false в deploy/argocd/apps/dev/<app>.yaml, иначе Argo CD откатит dev-режим.',
  'checklist.help.devService':
    'Добавьте dev-запись приложения в .okteto/okteto.yml; кнопка «Подключить Okteto» открывает шаблон, который это делает.',
  'checklist.help.devImage':
    'Нужен dev-образ с Node.js >= 22 и pnpm, который ставит зависимости workspace, включая нативные (например, sharp).',
  'checklist.help.stignore':
    'Добавьте .stignore в корень синхронизируемой папки: **/node_modules/, **/.next/, **/.turbo/, **/dist/, **/coverage/ и **/.git/.',
  'commands.title': 'Команды',
  'commands.oktetoUp': 'Запустить dev-режим',
  'commands.oktetoDown': 'Остановить dev-режим',
  'commands.dev': 'Запустить приложение в dev-контейнере',
  'commands.copy': 'Скопировать: {{label}}',
  'commands.copied': 'Команда скопирована',
  'enable.button': 'Подключить Okteto',
  'enable.hint': 'Okteto для этого приложения ещё не настроен.',
  'errorType.unauthorized': 'Нет авторизации',
  'errorType.forbidden': 'Доступ запрещён',
  'errorType.notInstalled': 'Не установлено',
  'errorType.unreachable': 'Кластер недоступен',
  'errorType.timeout': 'Превышено время ожидания',
  'errorType.badResponse': 'Некорректный ответ',
  'errorType.unknown': 'Ошибка',
  'search.argoSync': 'Синхронизация Argo CD',
  'search.argoHealth': 'Состояние Argo CD',
  'search.oktetoState': 'Dev-режим Okteto',
  'search.driftKind': 'Расхождение',
  'search.by': '{{user}}',
  'search.state.on': 'Dev-режим включён',
  'search.state.off': 'Dev-режим выключен',
  'search.state.broken': 'Dev-режим сломан',
  'search.state.unknown': 'Dev-режим неизвестен',
  'search.drift.none': 'Без расхождения',
  'search.drift.expectedOkteto': 'Ожидаемое расхождение',
  'search.drift.selfHealConflict': 'Конфликт self-heal',
  'search.drift.unexpected': 'Неожиданное расхождение',
  'search.drift.unknown': 'Расхождение неизвестно',
};

export default ru;
