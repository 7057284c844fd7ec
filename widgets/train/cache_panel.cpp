#include "widgets/train/cache_panel.h"

#include "core/train/prepare.h"
#include "core/train/run_config.h"
#include "widgets/common/background.h"
#include "widgets/common/batch_job.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace avt::widgets {

namespace {

struct StatusRead {
    QString error;
    train::PreparedStatus status;
};

// The run config `prepare` and `train` build from the spec's arguments.
StatusRead readStatusOf(const launch::LaunchSpec &spec)
{
    StatusRead out;
    train::RunConfig config;
    if (!spec.configFile.isEmpty()) {
        auto file = train::RunConfig::fromFile(spec.configFile);
        if (!file) {
            out.error = file.error().message;
            return out;
        }
        config = *file;
    }
    Status st = config.applyOverrides(spec.overrides);
    if (st && !spec.dataset.isEmpty())
        st = config.set(QStringLiteral("run.dataset"), spec.dataset);
    if (st)
        st = config.validate();
    if (!st) {
        out.error = st.error().message;
        return out;
    }
    auto status = train::preparedCacheStatus(spec.workspace, config);
    if (!status)
        out.error = status.error().message;
    else
        out.status = *status;
    return out;
}

QString specKey(const launch::LaunchSpec &s)
{
    return QStringList{s.workspace, s.dataset, s.configFile, s.overrides.join(QChar(0x1f))}.join(QChar(0x1e));
}

} // namespace

ClipCachePanel::ClipCachePanel(QWidget *parent)
    : QGroupBox(tr("Clip cache"), parent), m_job(new BatchJob(this)), m_settle(new QTimer(this)),
      m_status(new QLabel(this)), m_progress(new QLabel(this)), m_cluster(new QLabel(this)),
      m_bar(new QProgressBar(this)), m_prepare(new QPushButton(tr("Prepare Clip Cache"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("launcherClipCache"));
    m_status->setObjectName(QStringLiteral("clipCacheStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setObjectName(QStringLiteral("clipCacheProgress"));
    m_progress->setWordWrap(true);
    m_progress->hide();
    m_cluster->setObjectName(QStringLiteral("clipCacheCluster"));
    m_cluster->setWordWrap(true);
    m_cluster->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cluster->hide();
    m_bar->hide();
    m_cancel->hide();
    m_prepare->setObjectName(QStringLiteral("clipCachePrepare"));
    m_prepare->setToolTip(tr("Decode the dataset's clips once, with the first run's settings, into a cache "
                             "that training reads instead of decoding every epoch"));
    m_cancel->setToolTip(tr("Stop after the current clip; Prepare again continues where it stopped"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    auto *row = new QHBoxLayout;
    row->addWidget(m_bar, 1);
    row->addStretch(0);
    row->addWidget(m_cancel);
    row->addWidget(m_prepare);
    layout->addWidget(m_progress);
    layout->addWidget(m_cluster);
    layout->addLayout(row);

    m_settle->setSingleShot(true);
    m_settle->setInterval(kSettleMs);
    connect(m_settle, &QTimer::timeout, this, &ClipCachePanel::readStatus);
    connect(m_prepare, &QPushButton::clicked, this, [this] { prepare(); });
    connect(m_cancel, &QPushButton::clicked, this, &ClipCachePanel::cancel);
    connect(m_job, &BatchJob::progress, this, &ClipCachePanel::onProgress);
    connect(m_job, &BatchJob::finished, this, &ClipCachePanel::onFinished);
    m_status->setText(tr("Open a workspace to see its clip caches."));
    updateButtons();
}

ClipCachePanel::~ClipCachePanel() = default;

void ClipCachePanel::setProgram(const QString &program)
{
    if (!program.isEmpty())
        m_job->setProgram(program);
}

void ClipCachePanel::setSpec(const launch::LaunchSpec &spec, bool usable)
{
    const QString key = usable ? specKey(spec) : QString();
    if (key == m_key && usable == m_usable)
        return;
    m_spec = spec;
    m_usable = usable;
    m_key = key;
    m_ready = false;
    ++m_generation; // a read under way is for other settings now
    if (!usable) {
        m_settle->stop();
        m_status->setText(spec.workspace.isEmpty() ? tr("Open a workspace to see its clip caches.")
                                                   : tr("Plan a valid run to see its clip cache."));
        updateButtons();
        emit statusChanged();
        return;
    }
    m_status->setText(tr("Reading the clip caches…"));
    updateButtons();
    m_settle->start();
}

void ClipCachePanel::setClusterCommand(const QString &command)
{
    m_cluster->setProperty("command", command);
    m_cluster->setText(
        command.isEmpty() ? QString()
                          : tr("The runs read the cluster's workspace: prepare its cache there with\n%1").arg(command));
    m_cluster->setVisible(!command.isEmpty());
}

QString ClipCachePanel::clusterCommand() const { return m_cluster->property("command").toString(); }

QString ClipCachePanel::statusText() const { return m_status->text(); }

bool ClipCachePanel::isPreparing() const { return m_job->isRunning(); }

void ClipCachePanel::readStatus()
{
    const int generation = m_generation;
    whenFinished(this, runInBackground([spec = m_spec] { return readStatusOf(spec); }),
                 [this, generation](const StatusRead &r) {
                     if (generation != m_generation)
                         return;
                     QStringList lines;
                     m_ready = false;
                     if (!r.error.isEmpty()) {
                         lines << tr("Cannot tell: %1").arg(r.error);
                     } else if (!r.status.enabled) {
                         lines << tr("data.prepared is off: these runs decode every clip, prepared or not.");
                     } else {
                         m_ready = r.status.complete();
                         for (const train::PreparedState &c : r.status.caches) {
                             const QString who = c.modes == QLatin1String("train")  ? tr("Training")
                                                 : c.modes == QLatin1String("eval") ? tr("Evaluation")
                                                                                    : tr("Training and evaluation");
                             if (c.status == QLatin1String("complete"))
                                 lines << tr("%1: prepared, %2 windows, %3, read instead of decoded.")
                                              .arg(who)
                                              .arg(c.entries)
                                              .arg(train::formatMiB(c.bytes));
                             else if (c.status == QLatin1String("building"))
                                 lines << tr("%1: %2 of %3 windows written (stopped, or being written): "
                                             "Prepare continues it; until it is complete, runs decode.")
                                              .arg(who)
                                              .arg(c.entries)
                                              .arg(c.planned);
                             else if (c.status == QLatin1String("corrupt"))
                                 lines << tr("%1: the cache is damaged (%2): Prepare rebuilds it; until then, runs "
                                             "decode.")
                                              .arg(who, c.message);
                             else if (!c.otherSettings.isEmpty())
                                 lines << tr("%1: none for these settings (the dataset's cache differs: %2): runs "
                                             "decode every clip.")
                                              .arg(who, c.otherSettings.join(QStringLiteral(", ")));
                             else
                                 lines << tr("%1: none for these settings: runs decode every clip.").arg(who);
                         }
                     }
                     m_status->setText(lines.join(QLatin1Char('\n')));
                     updateButtons();
                     emit statusChanged();
                 });
}

void ClipCachePanel::updateButtons()
{
    const bool running = isPreparing();
    m_prepare->setEnabled(m_usable && !running);
    m_cancel->setVisible(running);
    m_cancel->setEnabled(running && !m_stopping);
    m_bar->setVisible(running);
    m_progress->setVisible(running || !m_progress->text().isEmpty());
}

bool ClipCachePanel::prepare()
{
    if (!m_usable || isPreparing())
        return false;
    if (!m_job->start(launch::prepareArguments(m_spec)))
        return false;
    m_stopping = false;
    m_bar->setRange(0, 0); // busy until the first progress event
    m_progress->setText(tr("Preparing the clip cache of %1…").arg(m_spec.dataset));
    updateButtons();
    return true;
}

void ClipCachePanel::cancel()
{
    if (!isPreparing())
        return;
    m_stopping = true;
    m_job->cancel();
    m_progress->setText(tr("Stopping after the current clip…"));
    updateButtons();
}

void ClipCachePanel::onProgress(qint64 done, qint64 total, const QString &message)
{
    showJobProgress(m_bar, done, total);
    if (!m_stopping)
        m_progress->setText(tr("Preparing the clip cache of %1: %2").arg(m_spec.dataset, message));
}

void ClipCachePanel::onFinished(bool ok, const QString &message)
{
    QString text;
    if (ok)
        text = tr("Prepared: %1").arg(message);
    else if (m_stopping)
        text = tr("Stopped; Prepare again continues where it stopped.");
    else
        text = tr("Preparing failed: %1").arg(message);
    m_stopping = false;
    // The status above says what is prepared now; the verb's whole summary is the tooltip.
    m_progress->setText(ok ? tr("Prepared (the verb's summary is in the tooltip).") : text);
    m_progress->setToolTip(text);
    // What is in the store now.
    m_key.clear();
    setSpec(launch::LaunchSpec(m_spec), m_usable);
    updateButtons();
    emit prepareFinished(ok, text);
}

} // namespace avt::widgets
