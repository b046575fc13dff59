import type { EnglishMessages } from '../translation';

/**
 * Russian messages of okteto-dev. Every key is required, so a new English message (a new
 * `DevMessage` code of the backend included) fails the type check until it is translated here.
 * Names of objects, commands and YAML keys stay as they are.
 */
const ru: { [key in keyof EnglishMessages]: string | null } = {
  // --- the backend's statements (DEV_MESSAGE_TEMPLATES)
  'msg.driftNone': 'Кластер совпадает с Git.',
  'msg.driftNoneDevMode':
    'Синхронизировано во время dev-режима: в Git нет полей, которые изменил Okteto, поэтому Argo CD не видит расхождения.',
  'msg.driftExpected':
    'Ожидаемо: от Git отличается только {{workload}}, потому что Okteto уменьшил его до 0 реплик и запустил dev-клон {{clone}}. После okteto down статус вернётся в Synced.',
  'msg.driftExpectedPrunable':
    'Ожидаемо: от Git отличается только {{workload}}, потому что Okteto уменьшил его до 0 реплик, а dev-клон {{clone}} Argo CD считает лишним (отслеживание по метке). После okteto down статус вернётся в Synced.',
  'msg.driftExpectedNoClone':
    'Ожидаемо: от Git отличается только {{workload}}, потому что dev-режим уменьшил его до 0 реплик. После okteto down статус вернётся в Synced.',
  'msg.driftConflictAutoSync':
    'Конфликт: Service обслуживают и исходный {{workload}} (реплик: {{replicas}}), и dev-клон {{clone}}, поэтому запросы попадают на старый код случайным образом. Автоматическая синхронизация вернула исходную рабочую нагрузку, когда пришла новая ревизия (выключенный selfHeal этому не мешает). Выполните okteto down или уменьшите {{workload}} до 0; чтобы это не повторялось, настройте {{application}} так, чтобы он игнорировал /spec/replicas.',
  'msg.driftConflictSelfHeal':
    'Конфликт: Service обслуживают и исходный {{workload}} (реплик: {{replicas}}), и dev-клон {{clone}}, поэтому запросы попадают на старый код случайным образом. selfHeal в {{application}} снова поднял исходную рабочую нагрузку. Выключите selfHeal для dev и снова выполните okteto up.',
  'msg.driftConflictInterrupted':
    'Конфликт: Service обслуживают и исходный {{workload}} (реплик: {{replicas}}), и dev-клон {{clone}}, поэтому запросы попадают на старый код случайным образом. Выполните okteto down, чтобы удалить клон.',
  'msg.driftConflictOther':
    'Конфликт: Service обслуживают и исходный {{workload}} (реплик: {{replicas}}), и dev-клон {{clone}}, поэтому запросы попадают на старый код случайным образом. Что-то снова подняло исходную рабочую нагрузку. Выполните okteto down или уменьшите {{workload}} до 0.',
  'msg.driftUnexpected':
    'Расходится с Git не из-за dev-режима: {{resources}}. Посмотрите diff в Argo CD.',
  'msg.driftUnexpectedDuringDevMode':
    'Расходится с Git не из-за dev-режима: {{resources}} (изменение {{workload}} — от dev-режима). Посмотрите diff в Argo CD.',
  'msg.driftUnexpectedUnnamed':
    'Кластер отличается от Git, хотя dev-режим никто не запускал. Посмотрите diff в Argo CD.',
  'msg.driftUnknownNoResources':
    'Application в состоянии OutOfSync, но Argo CD не сообщает состояние отдельных ресурсов, поэтому нельзя понять, единственная ли причина — dev-режим.',
  'msg.driftUnknownArgoMissing':
    'Нет Argo CD Application, с которым можно сравнить.',
  'msg.driftUnknownArgoError': 'Не удалось прочитать Argo CD Application.',
  'msg.driftUnknownOktetoError':
    'Application в состоянии OutOfSync, а состояние dev-режима прочитать не удалось, поэтому причина неизвестна.',
  'msg.driftUnknownSync':
    'Argo CD сообщает статус синхронизации Unknown: он не смог сравнить приложение с Git.',

  'msg.oktetoCloneWithoutWorkload':
    'Dev-клон {{clone}} есть, а рабочей нагрузки {{workload}} — нет.',
  'msg.oktetoCloneDeletedByPrune':
    '{{workload}} в dev-режиме (метка dev.okteto.com), но его dev-клона {{clone}} нет: {{application}} отслеживает ресурсы по метке, клон унаследовал метку отслеживания, и автоматическая синхронизация с prune удалила его. Выполните okteto down, чтобы восстановить {{workload}}, или okteto up, чтобы пересоздать клон.',
  'msg.oktetoCloneDeleted':
    '{{workload}} в dev-режиме (метка dev.okteto.com), но его dev-клона {{clone}} нет: клон удалили в обход Okteto (okteto up и okteto down такого состояния не оставляют). Выполните okteto down, чтобы восстановить {{workload}}, или okteto up, чтобы пересоздать клон.',
  'msg.oktetoInterrupted':
    'Dev-клон {{clone}} работает рядом с {{workload}}, который не помечен для dev-режима: okteto up или okteto down был прерван.',
  'msg.oktetoZeroWithoutReplicas':
    '{{workload}} уменьшен до 0 реплик без аннотации dev.okteto.com/replicas: okteto down не узнает, сколько реплик восстановить.',
  'msg.oktetoCloneCreateFailed':
    'Dev-клон {{clone}} не может создать под ({{reason}}): {{message}}',
  'msg.oktetoCloneNoPod':
    'У dev-клона {{clone}} нет пода: контроллер {{kind}} не создал его (причину называют его Warning-события, FailedCreate).',
  'msg.oktetoPodUnschedulable':
    'Dev-под {{pod}} не удаётся разместить на узле: {{message}}',
  'msg.oktetoPvcPending':
    'Dev-том {{pvc}} в состоянии Pending: хранилище для него не выделено, поэтому dev-под не может запуститься.',
  'msg.oktetoInitFailing':
    'Dev-под {{pod}} застрял на init-контейнере {{container}} ({{reason}}).',
  'msg.oktetoPodCrashing':
    'Dev-контейнер пода {{pod}} падает ({{reason}}, перезапусков: {{restarts}}).',

  // --- claims
  'msg.claimContested':
    'На dev-цель этой сущности (рабочая нагрузка {{workload}} в namespace {{namespace}}, Argo CD Application {{application}}) претендует ещё одна сущность каталога. Dev-цель принадлежит одной сущности: пока на неё претендует больше одной, okteto-dev не показывает ни одной из них статус и команды и никого о ней не уведомляет.',
  'msg.claimContestedBy':
    'На dev-цель этой сущности (рабочая нагрузка {{workload}} в namespace {{namespace}}, Argo CD Application {{application}}) претендует также {{entities}}. Dev-цель принадлежит одной сущности: пока на неё претендует больше одной, okteto-dev не показывает ни одной из них статус и команды и никого о ней не уведомляет.',
  'msg.claimContestedByAndHidden':
    'На dev-цель этой сущности (рабочая нагрузка {{workload}} в namespace {{namespace}}, Argo CD Application {{application}}) претендует также {{entities}} и ещё одна сущность каталога. Dev-цель принадлежит одной сущности: пока на неё претендует больше одной, okteto-dev не показывает ни одной из них статус и команды и никого о ней не уведомляет.',
  'msg.checkArgoAppExists':
    'Argo CD Application {{application}} существует ({{sync}}, {{health}}).',
  'msg.checkArgoAppMissing':
    'Argo CD Application {{application}} не существует.',
  'msg.checkArgoAppUnreadable':
    'Не удалось прочитать Argo CD Application {{application}}: {{error}}',
  'msg.checkNamespaceOwn':
    'Развёрнуто в {{namespace}}, собственный namespace приложения.',
  'msg.checkNamespaceOwnByAnnotation':
    'Развёрнуто в {{namespace}}, собственный namespace приложения (задан аннотацией; по соглашению был бы {{convention}}).',
  'msg.checkNamespaceMismatch':
    '{{application}} разворачивает приложение в namespace {{destination}}, а не в {{namespace}}.',
  'msg.checkSelfHealOff': 'selfHeal для {{application}} выключен.',
  'msg.checkSelfHealOn':
    'selfHeal для {{application}} включён: Argo CD снова поднимает исходную рабочую нагрузку, как только запускается dev-режим. Задайте syncPolicy.automated.selfHeal: false в {{file}}.',
  'msg.checkSelfHealOnAppSet':
    'selfHeal для {{application}} включён: Argo CD снова поднимает исходную рабочую нагрузку, как только запускается dev-режим. {{application}} создаётся ApplicationSet {{applicationSet}}: задайте selfHeal: false в его шаблоне (правку самого Application перезапишут).',
  'msg.checkReplicasIgnored':
    '{{application}} игнорирует /spec/replicas у {{workload}} и учитывает это при синхронизации, поэтому новый коммит не трогает dev-режим.',
  'msg.checkReplicasNoAutoSync':
    'Автоматическая синхронизация для {{application}} выключена: пока включён dev-режим, {{workload}} никто не восстанавливает.',
  'msg.checkReplicasNotIgnored':
    'Для {{application}} включена автоматическая синхронизация, поэтому следующий коммит в {{revision}} вернёт {{workload}} его реплики, пока работает dev-под, и обслуживать будут оба (выключенный selfHeal этому не мешает). Добавьте в {{file}}: ignoreDifferences [{group: apps, kind: Deployment, name: {{workload}}, jsonPointers: [/spec/replicas]}] и syncOptions [RespectIgnoreDifferences=true].',
  'msg.checkReplicasNotIgnoredAppSet':
    'Для {{application}} включена автоматическая синхронизация, поэтому следующий коммит в {{revision}} вернёт {{workload}} его реплики, пока работает dev-под, и обслуживать будут оба. {{application}} создаётся ApplicationSet {{applicationSet}}: добавьте в его шаблон ignoreDifferences для /spec/replicas у {{workload}} и syncOptions RespectIgnoreDifferences=true.',
  'msg.checkReplicasNotRespected':
    '{{application}} игнорирует /spec/replicas у {{workload}} только при сравнении: без syncOptions RespectIgnoreDifferences=true синхронизация всё равно применяет реплики из Git. Добавьте его в {{file}}.',

  'msg.checkWorkloadUnreadable':
    'Не удалось прочитать рабочую нагрузку: {{error}}',
  'msg.checkWorkloadMissing':
    '{{kind}} {{namespace}}/{{workload}} не существует.',
  'msg.checkEnvVarSet': '{{name}}={{value}} задана в контейнере {{container}}.',
  'msg.checkEnvVarWrong':
    '{{name}} равна "{{actual}}", ожидается "{{value}}" ({{file}}).',
  'msg.checkEnvVarMissing':
    '{{name}} не задана в контейнере {{container}}; добавьте {{name}}: "{{value}}" в {{file}}.',
  'msg.checkSecretNotTaken':
    'Контейнер {{container}} не получает Secret {{secrets}} (envFrom.secretRef или env valueFrom.secretKeyRef), поэтому приложение не видит его значений.',
  'msg.checkSecretNoneRequired':
    'От контейнера {{container}} не требуется ни один Secret, и он не берёт ни одного, без которого не может запуститься.',
  'msg.checkSecretExistedAtStart':
    'Secret {{secrets}} существовал, когда запустился {{pod}}: Kubernetes запускает контейнер {{container}}, только когда существует каждый Secret, который он берёт.',
  'msg.checkSecretExistsByGet':
    'Secret {{secrets}} существует (прочитан по имени, только метаданные).',
  'msg.checkSecretMissingByGet':
    'Secret {{secrets}} не существует в {{namespace}} (прочитан по имени); его должна создать платформа.',
  'msg.checkSecretMissingFromPod':
    'Secret {{secret}} не существует в {{namespace}}: контейнер {{container}} пода {{pod}} не может запуститься (CreateContainerConfigError: {{message}}); его должна создать платформа.',
  'msg.checkSecretKeyMissing':
    'В Secret {{secret}} нет ключа {{key}}: контейнер {{container}} пода {{pod}} не может запуститься (CreateContainerConfigError).',
  'msg.checkSecretUnknownNoPod':
    'Существует ли Secret {{secrets}}, неизвестно: ни один под {{workload}} не запускал контейнер {{container}}, а okteto-dev не читает Secret, пока не включён oktetoDev.checklist.env-secret.readSecretMetadata.',
  'msg.checkSecretUnknownNotCreated':
    'Существует ли Secret {{secrets}}, неизвестно: {{workload}} не может создать свои поды ({{reason}}: {{message}}).',
  'msg.checkSecretUnknownNotStarted':
    'Существует ли Secret {{secrets}}, неизвестно: контейнер {{container}} пода {{pod}} не запущен ({{reason}}), а okteto-dev не читает Secret, пока не включён oktetoDev.checklist.env-secret.readSecretMetadata.',
  'msg.checkSecretUnknownOptional':
    'Существует ли Secret {{secrets}}, неизвестно: контейнер {{container}} берёт его как optional и запускается без него, а okteto-dev не читает Secret, пока не включён oktetoDev.checklist.env-secret.readSecretMetadata.',
  'msg.checkSecretUnknownPodsUnreadable':
    'Существует ли Secret {{secrets}}, неизвестно: не удалось прочитать поды ({{error}}).',
  'msg.checkSecretUnreadable':
    'Не удалось прочитать Secret {{secrets}} по имени: {{error}}',

  'msg.checkDevEntryFound':
    'В {{manifest}} есть dev.{{entry}}, и он нацелен на эту рабочую нагрузку.',
  'msg.checkDevEntryFoundAliases':
    'В {{manifest}} есть dev.{{entry}}, и он нацелен на эту рабочую нагрузку (псевдонимы: {{aliases}}).',
  'msg.checkManifestNoSource':
    'У сущности нет source location, поэтому манифест Okteto не прочитать.',
  'msg.checkManifestUnreadable':
    'Не удалось прочитать манифест Okteto: {{error}}',
  'msg.checkManifestMissing': 'Манифеста Okteto {{manifest}} нет.',
  'msg.checkManifestInvalid': '{{manifest}} — некорректный YAML: {{error}}',
  'msg.checkManifestLegacy':
    '{{manifest}} — устаревший (v1) манифест Okteto без карты dev:; перенесите его поля под dev.{{entry}}.',
  'msg.checkDevEntryMissing':
    'В {{manifest}} нет dev-записи, нацеленной на {{workload}} (ожидается dev.{{entry}}).',
  'msg.checkDevEntryNameInvalid':
    'dev.{{entry}} в {{manifest}} нацелен на эту рабочую нагрузку, но Okteto не примет такое имя: только строчные латинские буквы, цифры и "-", без "-" в начале и в конце.',
  'msg.checkNoDevEntry': 'Нет dev-записи, которую можно проверить.',
  'msg.checkDevImageSet': 'dev.{{entry}} задаёт dev-образ.',
  'msg.checkDevImageInstalls':
    'dev.{{entry}} устанавливает зависимости в своей команде.',
  'msg.checkDevImageMissing':
    'dev.{{entry}} не задаёт dev-образ, и его команда не устанавливает зависимости.',
  'msg.checkDevImageNotString':
    'В dev.{{entry}} поле image — не строка; Okteto принимает там только имя образа.',
  'msg.checkStignoreNoSync': 'У dev.{{entry}} нет папки синхронизации.',
  'msg.checkStignoreUnreadable': 'Не удалось прочитать {{path}}: {{error}}',
  'msg.checkStignoreMissingFile':
    '{{path}} не существует: okteto up остановится и спросит, создать ли его.',
  'msg.checkStignoreMissingEntries': '{{path}} не игнорирует {{entries}}.',
  'msg.checkStignoreComplete': '{{paths}} игнорирует рекомендованный набор.',

  'msg.packageJsonMissing':
    '{{path}} не существует, поэтому имя пакета — догадка по шаблону именования ({{package}}).',
  'msg.packageJsonUnreadable':
    'Не удалось прочитать {{path}} ({{error}}), поэтому имя пакета — догадка по шаблону именования ({{package}}).',
  'msg.packageJsonInvalid':
    'В {{path}} нет корректного "name", поэтому имя пакета — догадка по шаблону именования ({{package}}).',
  'msg.packageManagerField':
    'Команда запуска использует {{manager}}: его называет поле packageManager в {{path}}.',
  'msg.packageManagerLockfile':
    'Команда запуска использует {{manager}}: в репозитории есть {{path}}.',
  'msg.packageManagerDefault':
    'Репозиторий не называет менеджер пакетов (нет поля packageManager в package.json и lock-файла в корне), поэтому команда запуска предполагает {{manager}}.',
  'msg.packageManagerUnreadable':
    'Не удалось прочитать {{path}} ({{error}}), поэтому команда запуска предполагает {{manager}}.',

  // --- drift and dev-mode advice when the commands are withheld
  'msg.driftConflictAutoSyncWithheld':
    'Конфликт: Service обслуживают и исходный {{workload}} (реплик: {{replicas}}), и dev-клон {{clone}}, поэтому запросы попадают на старый код случайным образом. Автоматическая синхронизация вернула исходную рабочую нагрузку, когда пришла новая ревизия. Команда для исправления здесь не предлагается: причина указана выше.',
  'msg.driftConflictSelfHealWithheld':
    'Конфликт: Service обслуживают и исходный {{workload}} (реплик: {{replicas}}), и dev-клон {{clone}}, поэтому запросы попадают на старый код случайным образом. selfHeal в {{application}} снова поднял исходную рабочую нагрузку. Команда для исправления здесь не предлагается: причина указана выше.',
  'msg.driftConflictInterruptedWithheld':
    'Конфликт: Service обслуживают и исходный {{workload}} (реплик: {{replicas}}), и dev-клон {{clone}}, поэтому запросы попадают на старый код случайным образом — после прерванного okteto up или okteto down. Команда для исправления здесь не предлагается: причина указана выше.',
  'msg.driftConflictOtherWithheld':
    'Конфликт: Service обслуживают и исходный {{workload}} (реплик: {{replicas}}), и dev-клон {{clone}}, поэтому запросы попадают на старый код случайным образом. Что-то снова подняло исходную рабочую нагрузку. Команда для исправления здесь не предлагается: причина указана выше.',
  'msg.oktetoCloneDeletedByPruneWithheld':
    '{{workload}} в dev-режиме (метка dev.okteto.com), но его dev-клона {{clone}} нет: {{application}} отслеживает ресурсы по метке, клон унаследовал метку отслеживания, и автоматическая синхронизация с prune удалила его. Команда для восстановления здесь не предлагается: причина указана выше.',
  'msg.oktetoCloneDeletedWithheld':
    '{{workload}} в dev-режиме (метка dev.okteto.com), но его dev-клона {{clone}} нет: его удалили в обход Okteto. Команда для восстановления здесь не предлагается: причина указана выше.',

  // --- the target: what the configuration allows
  'msg.targetNameInvalid':
    '{{value}} (из {{source}}) — недопустимое имя Kubernetes (строчные буквы, цифры и "-"), поэтому okteto-dev ничего не читает для этой сущности.',
  'msg.targetNamespaceRefused':
    'Namespace {{value}} (из {{source}}) не входит в то, что okteto-dev может читать для этой сущности; конфигурация разрешает {{allowed}}. Ничего не прочитано.',
  'msg.targetWorkloadRefused':
    'Рабочая нагрузка {{value}} (из {{source}}) не входит в то, что okteto-dev может читать для этой сущности; конфигурация разрешает {{allowed}}. Ничего не прочитано.',
  'msg.targetApplicationRefused':
    'Application Argo CD {{value}} (из {{source}}) не входит в то, что okteto-dev может читать для этой сущности; конфигурация разрешает {{allowed}}. Ничего не прочитано.',
  'msg.targetClusterRefused':
    'Кластер {{value}} (из {{source}}) не входит в то, что okteto-dev может читать для этой сущности; конфигурация разрешает {{allowed}}. Ничего не прочитано.',

  // --- the target guard and the values of the commands
  'msg.guardDestinationNamespace':
    'Команды okteto up, okteto down и масштабирования не предлагаются: {{application}} развёртывает в namespace {{destination}}, а не в namespace dev-цели {{namespace}}.',
  'msg.guardDestinationServer':
    'Команды okteto up, okteto down и масштабирования не предлагаются: {{application}} развёртывает в {{server}}, а не в кластер dev-цели ({{expected}}).',
  'msg.guardWorkloadMismatch':
    'Команды okteto up, okteto down и масштабирования не предлагаются: dev.{{entry}} в {{manifest}} выбирает Deployment {{selected}} в {{namespace}}, а не dev-цель {{workload}}.',
  'msg.guardWorkloadAmbiguous':
    'Команды okteto up, okteto down и масштабирования не предлагаются: dev.{{entry}} в {{manifest}} выбирает {{count}} Deployment в {{namespace}} ({{selected}}); okteto up берёт ровно один, а dev-цель — {{workload}}.',
  'msg.commandDevNameInvalid':
    'Команды okteto не предлагаются: имя dev-записи {{value}} (из {{source}}) Okteto не принимает (строчные буквы, цифры и "-", не в начале и не в конце).',
  'msg.commandNamespaceInvalid':
    'Команды okteto не предлагаются: namespace {{value}} (из {{source}}) — не метка DNS-1123.',
  'msg.commandPackageInvalid':
    'Команда запуска приложения не предлагается: имя пакета {{value}} (из {{source}}) — недопустимое имя npm-пакета.',

  // --- the card
  'card.title': 'Dev-окружение',
  'card.subheader': 'Namespace {{namespace}} в кластере {{cluster}}',
  'card.refresh': 'Обновить',
  'card.loading': 'Загружается состояние dev-окружения',
  'card.stale':
    'Устаревшие данные: кластер не удалось прочитать, показан последний успешный ответ ({{age}}).',
  'card.refreshFailed':
    'Не удалось обновить, показан предыдущий ответ: {{message}}',
  'card.readErrors': 'Не всё удалось прочитать',
  'card.notRead': 'не прочитано',
  'card.notReadAbove': 'Не прочитано: причина — в начале карточки.',
  'card.denied': 'Вам нельзя читать dev-состояние этого приложения.',
  'card.liveWatch': 'В реальном времени: изменения приходят сразу',
  'card.livePolling':
    'Читается при каждом просмотре, не в реальном времени: {{reason}}',
  'card.refusedTitle': 'okteto-dev ничего не читал для этой сущности',
  'card.refusedHint':
    'Её аннотации указывают за пределы того, что разрешает конфигурация (oktetoDev.targets). Исправьте аннотацию или попросите администраторов Backstage разрешить эту цель.',
  'card.contested': 'На dev-цель претендует больше одной сущности',

  'summary.label': 'Сводка',
  'summary.argo': 'Argo CD: {{sync}} · {{health}}',
  'summary.argoSyncFailed': 'последняя синхронизация не удалась',
  'summary.argoNotCompared': 'не сравнивал уже {{age}}',
  'summary.argoMissing': 'Нет Argo CD Application',
  'summary.argoError': 'Argo CD не прочитан',
  'summary.devOff': 'Dev-режим выключен',
  'summary.devNotSetUp': 'Dev-режим выключен · не настроен',
  'summary.devOn': 'Dev-режим включён · {{who}} · {{age}}',
  'summary.devOnNoAge': 'Dev-режим включён · {{who}}',
  'summary.devAbandoned':
    'Dev-режим включён · {{who}} · вероятно, заброшен ({{age}})',
  'summary.devBroken': 'Dev-режим сломан',
  'summary.devUnknown': 'Dev-режим неизвестен',
  'summary.developerUnknown': 'разработчик неизвестен',
  'summary.workloadReady': 'готово реплик: {{ready}} из {{replicas}}',

  'drift.title': 'Расхождение с Git',
  'drift.kind.none': 'Расхождения нет',
  'drift.kind.expectedOkteto': 'Ожидаемое расхождение из-за dev-режима',
  'drift.kind.conflict': 'Конфликт: обслуживают оба пода',
  'drift.kind.unexpected': 'Расхождение не из-за dev-режима',
  'drift.kind.unknown': 'Расхождение неизвестно',

  'argo.title': 'Argo CD',
  'argo.application': 'Application {{namespace}}/{{name}}',
  'argo.notFound':
    'В Argo CD нет Application {{namespace}}/{{name}}; его манифест должен лежать в {{file}}.',
  'argo.open': 'Открыть в Argo CD',
  'argo.revision': 'Ревизия {{sha}}',
  'argo.syncedAgo': 'синхронизировано {{time}}',
  'argo.comparedRevision':
    'Argo CD сравнил кластер с более новой ревизией {{sha}}, чем развёрнутая.',
  'argo.operationFailed':
    'Последняя синхронизация не удалась ({{details}}): {{message}}',
  'argo.operationRunning': 'Идёт синхронизация (начата {{time}}).',
  'argo.operationOther': 'Последняя операция {{phase}}: {{message}}',
  'argo.automated': 'автоматически',
  'argo.by': 'запустил {{user}}',
  'argo.reconcileStale':
    'Argo CD последний раз сравнивал приложение {{time}}: этот статус может быть устаревшим.',
  'argo.applicationSet':
    'Создано ApplicationSet {{name}}: правьте ApplicationSet, а не Application — Application перезаписывается из его шаблона.',
  'argo.sync.Synced': 'Синхронизировано',
  'argo.sync.OutOfSync': 'Расходится с Git',
  'argo.sync.Unknown': 'Синхронизация неизвестна',
  'argo.health.Healthy': 'Исправно',
  'argo.health.Progressing': 'Обновляется',
  'argo.health.Degraded': 'Неисправно',
  'argo.health.Suspended': 'Приостановлено',
  'argo.health.Missing': 'Отсутствует',
  'argo.health.Unknown': 'Состояние неизвестно',

  'workload.title': 'Рабочая нагрузка',
  'workload.summary':
    '{{kind}} {{name}}: готово {{ready}} из {{replicas}} реплик',
  'workload.notFound': 'В namespace {{namespace}} нет {{name}}.',
  'workload.image': 'Образ: {{image}}',
  'workload.open': 'Открыть приложение: {{url}}',
  'workload.tracking.annotation': 'Argo CD отслеживает её по аннотации.',
  'workload.tracking.label':
    'Argo CD отслеживает её по метке: dev-клон наследует эту метку, и Argo CD считает клон лишним.',
  'workload.tracking.none':
    'На ней нет ни метки, ни аннотации отслеживания Argo CD.',

  'pod.ready': 'готов',
  'pod.notReady': 'не готов',
  'pod.restarts': 'перезапусков: {{restarts}}',
  'pod.devRunning': 'dev-контейнер работает уже {{age}}',
  'pod.devRunningNoTime': 'dev-контейнер работает',
  'pod.phase.Pending': 'ожидает запуска',
  'pod.phase.Running': 'работает',
  'pod.phase.Succeeded': 'завершился',
  'pod.phase.Failed': 'завершился с ошибкой',
  'pod.phase.Unknown': 'состояние неизвестно',

  'okteto.title': 'Okteto',
  'okteto.off':
    'Dev-режим никто не запускал: приложение обслуживает развёртывание Argo CD.',
  'okteto.session': 'режим {{mode}}, запущен {{time}}',
  'okteto.sessionNoTime': 'режим {{mode}}',
  'okteto.started': 'Запущен {{time}}',
  'okteto.appInvisible':
    'Процесс приложения запускается из терминала разработчика по SSH: кластер не видит, работает ли он.',
  'okteto.user': 'Разработчик: {{user}}',
  'okteto.userUnknown':
    'Разработчик неизвестен: в обычном Kubernetes ничто в кластере не говорит, кто запустил dev-режим.',
  'okteto.image': 'Dev-образ: {{image}}',
  'okteto.clone': 'Dev-клон: {{clone}}',
  'okteto.noPods': 'Dev-под ещё не запущен.',
  'okteto.problems': 'Почему dev-режим сломан',
  'okteto.pods': 'Dev-поды',

  'checklist.title': 'Чеклист готовности',
  'checklist.passed': 'выполнено {{passed}} из {{total}}',
  'checklist.showPassed': 'Показать выполненные пункты ({{passed}})',
  'checklist.hidePassed': 'Скрыть выполненные пункты',
  'checklist.sameReason': 'По той же причине, что и «{{item}}».',
  'checklist.off': 'Не проверяется (выключено в настройках): {{items}}',
  'checklist.status.pass': 'Выполнено',
  'checklist.status.fail': 'Не выполнено',
  'checklist.status.unknown': 'Неизвестно',
  'checklist.item.argoApplication': 'Argo CD Application',
  'checklist.item.namespaceConvention': 'Собственный namespace',
  'checklist.item.envVar': '{{name}}={{value}}',
  'checklist.item.envSecret': 'Нужные Secret существуют',
  'checklist.item.selfHealOff': 'selfHeal выключен',
  'checklist.item.replicasIgnored': 'Синхронизация не трогает /spec/replicas',
  'checklist.item.devService': 'Dev-запись Okteto',
  'checklist.item.devImage': 'Dev-образ или установка зависимостей',
  'checklist.item.stignore': '.stignore для каждой папки синхронизации',

  'commands.title': 'Команды',
  'commands.oktetoUp': 'Запустить dev-режим',
  'commands.oktetoUpEntry':
    'Запустить dev-режим: dev-запись {{entry}} из {{manifest}}',
  'commands.aliases': 'Также доступна как {{aliases}}.',
  'commands.oktetoDown': 'Остановить dev-режим',
  'commands.devEntry': 'okteto up запускает в dev-контейнере:',
  'commands.devEntryWorkdir':
    'okteto up запускает в dev-контейнере, в {{workdir}}:',
  'commands.package': 'Выполните в dev-контейнере:',
  'commands.dev': 'Запустить приложение в dev-контейнере',
  'commands.devEntryNote':
    'Ничего вводить не нужно: okteto up запускает это сам. Команда взята из репозитория и показана только для сведения.',
  'commands.withheld': 'Команды не предлагаются',
  'commands.withheldAbove':
    'Команды не предлагаются: причина — в начале карточки.',
  'commands.target':
    'Пакет {{package}} ({{packageSource}}), папка {{appDir}} ({{appDirSource}})',
  'commands.source.annotation': 'из аннотации',
  'commands.source.devEntry': 'из dev-записи',
  'commands.source.sourceLocation': 'из source location',
  'commands.source.packageJson': 'из package.json',
  'commands.source.convention': 'по соглашению',
  'commands.copy': 'Скопировать: {{label}}',
  'commands.copied': 'Команда скопирована',

  'links.applicationFile': 'Файл Application',
  'links.valuesFile': 'Файл values',
  'links.devEntry': 'Dev-запись {{entry}} в {{manifest}}',
  'links.manifest': 'Манифест Okteto',

  'history.title': 'История и ресурсы',
  'history.summary': 'синхронизаций: {{syncs}} · ресурсов: {{resources}}',
  'history.syncs': 'Последние синхронизации',
  'history.noSyncs': 'Argo CD ещё не записал ни одной синхронизации.',
  'history.noRevision': 'Ревизия неизвестна',
  'history.deployed': 'развёрнуто {{time}}',
  'history.resources': 'Ресурсы',
  'history.noResources': 'Argo CD не перечисляет ресурсов этого Application.',
  'history.devMode': 'собственное изменение dev-режима Okteto',
  'history.prune': 'больше нет в Git: синхронизация с prune удалит его',

  'events.title': 'События',
  'events.summary': 'последнее завершение: {{reason}}',
  'events.loading': 'Загружаются события',
  'events.denied': 'Вам нельзя читать события этого приложения.',
  'events.failed': 'Не удалось загрузить события: {{message}}',
  'events.error': 'Не удалось прочитать события',
  'events.none': 'Нет событий Warning о рабочей нагрузке или её dev-клоне.',
  'events.list': 'События Warning',
  'events.times': '×{{times}}',
  'events.terminations': 'Последние завершения контейнеров',
  'events.termination': '{{pod}}: последнее завершение',
  'events.exitCode': 'код выхода {{code}}',

  'fix.button': 'Исправить через pull request',
  'fix.hint':
    'Открывает шаблон fix-okteto-dev, заполненный для {{app}}: один pull request, в кластер ничего не пишется.',

  'iconLink.argocd': 'Argo CD',
  'iconLink.app': 'Dev-приложение',
  'iconLink.unavailable': 'Недоступно для этого приложения',

  'page.title': 'Dev-окружения',
  'page.subtitle':
    'Кто в dev-режиме Okteto, в каком приложении и с какого времени',
  'page.loading': 'Загружаются dev-окружения',
  'page.none': 'Нет dev-окружений для показа',
  'page.noneHint':
    'Приложение появится здесь, когда у его сущности в каталоге будет аннотация okteto-dev/app и вам будет разрешено читать его dev-состояние.',
  'page.noMatch': 'Ни одно dev-окружение не подходит под эти фильтры.',
  'page.since': 'запущен {{time}}',
  'page.where': '{{namespace}} в {{cluster}}',
  'page.verdict.attention': 'Требуют внимания: {{n}}',
  'page.verdict.noAttention': 'Ничто не требует внимания',
  'page.verdict.sessions': 'Dev-сессий: {{n}}',
  'page.verdict.apps': 'Приложений: {{n}}',
  'page.filter.state': 'Состояние',
  'page.filter.owner': 'Владелец',
  'page.filter.system': 'Система',
  'page.filter.any': 'Все',
  'page.filter.sessions': 'Любая dev-сессия',
  'page.filter.noSystem': 'Без системы',
  'page.column.app': 'Приложение',
  'page.column.state': 'Dev-режим',
  'page.column.session': 'Кто и с какого времени',
  'page.column.owner': 'Владелец',
  'page.column.system': 'Система',
  'page.state.conflict': 'Конфликт: обслуживают оба пода',
  'page.state.broken': 'Dev-режим сломан',
  'page.state.abandoned': 'Вероятно, заброшен',
  'page.state.on': 'Dev-режим включён',
  'page.state.unknown': 'Dev-режим неизвестен',
  'page.state.off': 'Dev-режим выключен',

  'enable.button': 'Подключить Okteto',
  'enable.hint':
    'Открывает шаблон, который одним pull request добавляет dev-запись, .stignore и dev Application для Argo CD.',

  'appFolder.noPackageJson': 'В {{appDir}} нет package.json',
  'appFolder.package': 'Пакет {{package}}',

  'permission.missing':
    'Не хватает права: {{verb}} {{resource}} в namespace {{namespace}}',
  'permission.missingClusterWide':
    'Не хватает права: {{verb}} {{resource}} во всех namespace',
  'permission.missingNamed':
    'Не хватает права: {{verb}} {{resource}} {{name}} в namespace {{namespace}}',
  'permission.missingPath': 'Не хватает права: {{verb}} {{resource}}',
  'errorType.unauthorized': 'Нет авторизации',
  'errorType.forbidden': 'Доступ запрещён',
  'errorType.notInstalled': 'Не установлено',
  'errorType.unreachable': 'Кластер недоступен',
  'errorType.timeout': 'Превышено время ожидания',
  'errorType.badResponse': 'Некорректный ответ',
  'errorType.unusable': 'Кластер нельзя использовать',
  'errorType.unknown': 'Ошибка',
  'errorType.onCluster': '(кластер {{cluster}})',
  'errorType.unusableCluster': 'Кластер {{cluster}} нельзя использовать',

  'search.argoSync': 'Синхронизация Argo CD',
  'search.argoHealth': 'Состояние Argo CD',
  'search.oktetoState': 'Dev-режим Okteto',
  'search.driftKind': 'Расхождение',
  'search.devAbandoned': 'Dev-режим включён · {{who}} · вероятно, заброшен',
  'search.state.on': 'Dev-режим включён',
  'search.state.off': 'Dev-режим выключен',
  'search.state.broken': 'Dev-режим сломан',
  'search.state.unknown': 'Dev-режим неизвестен',
};

export default ru;
