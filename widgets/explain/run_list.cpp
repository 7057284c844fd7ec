#include "widgets/explain/run_list.h"

#include "core/explain/cam_view.h"

#include <QComboBox>
#include <QHeaderView>

namespace avt::widgets {

CamRunList::CamRunList(QWidget *parent) : QTreeWidget(parent)
{
    setColumnCount(3);
    setHeaderLabels({tr("Run"), tr("Model"), tr("Checkpoint")});
    setRootIsDecorated(false);
    setMinimumHeight(110);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    header()->setStretchLastSection(false);
    setTextElideMode(Qt::ElideMiddle);
    connect(this, &QTreeWidget::itemChanged, this, &CamRunList::onItemChanged);
}

void CamRunList::fill(const QList<gradcam::ViewRun> &runs, const QStringList &wanted)
{
    m_updating = true;
    clear();
    int ticked = 0;
    for (const gradcam::ViewRun &r : runs) {
        auto *item = new QTreeWidgetItem(this);
        item->setText(0, r.name);
        item->setText(1, QStringLiteral("%1 %2").arg(r.preset, r.fusion));
        item->setToolTip(0, tr("%1, status %2, dataset %3").arg(r.name, r.status, r.dataset));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        const bool on = wanted.contains(r.name) && ticked < kMaxTicked && !r.checkpointFiles.isEmpty();
        ticked += on ? 1 : 0;
        item->setCheckState(0, on ? Qt::Checked : Qt::Unchecked);
        auto *box = new QComboBox(this);
        if (r.checkpointFiles.isEmpty()) {
            box->addItem(tr("no checkpoint"));
            box->setEnabled(false);
            item->setToolTip(0, tr("%1 has no checkpoint yet (status %2)").arg(r.name, r.status));
        }
        for (int i = 0; i < r.checkpointFiles.size(); ++i)
            box->addItem(r.checkpointLabels[i], i == 0 ? QString() : r.checkpointFiles[i]);
        setItemWidget(item, 2, box);
        connect(box, &QComboBox::activated, this, &CamRunList::checkpointChanged);
    }
    m_updating = false;
}

void CamRunList::onItemChanged(QTreeWidgetItem *item)
{
    if (m_updating)
        return;
    if (item->checkState(0) == Qt::Checked) {
        auto *box = qobject_cast<QComboBox *>(itemWidget(item, 2));
        const bool noCheckpoint = box && !box->isEnabled();
        if (ticked().size() > kMaxTicked || noCheckpoint) {
            m_updating = true;
            item->setCheckState(0, Qt::Unchecked);
            m_updating = false;
            emit refused(noCheckpoint ? tr("%1 has no checkpoint yet: nothing to explain").arg(item->text(0))
                                      : tr("At most four runs side by side"));
            return;
        }
    }
    emit tickedChanged();
}

void CamRunList::tick(const QStringList &runs)
{
    m_updating = true;
    int ticked = 0;
    for (int i = 0; i < topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = topLevelItem(i);
        const bool on = runs.contains(item->text(0)) && ticked < kMaxTicked;
        ticked += on ? 1 : 0;
        item->setCheckState(0, on ? Qt::Checked : Qt::Unchecked);
    }
    m_updating = false;
}

QStringList CamRunList::ticked() const
{
    QStringList out;
    for (int i = 0; i < topLevelItemCount(); ++i)
        if (topLevelItem(i)->checkState(0) == Qt::Checked)
            out << topLevelItem(i)->text(0);
    return out;
}

QStringList CamRunList::names() const
{
    QStringList out;
    for (int i = 0; i < topLevelItemCount(); ++i)
        out << topLevelItem(i)->text(0);
    return out;
}

QTreeWidgetItem *CamRunList::item(const QString &run) const
{
    for (int i = 0; i < topLevelItemCount(); ++i)
        if (topLevelItem(i)->text(0) == run)
            return topLevelItem(i);
    return nullptr;
}

QString CamRunList::checkpoint(const QString &run) const
{
    QTreeWidgetItem *it = item(run);
    auto *box = it ? qobject_cast<QComboBox *>(itemWidget(it, 2)) : nullptr;
    return box ? box->currentData().toString() : QString();
}

void CamRunList::setCheckpoint(const QString &run, const QString &file)
{
    QTreeWidgetItem *it = item(run);
    if (auto *box = it ? qobject_cast<QComboBox *>(itemWidget(it, 2)) : nullptr) {
        const int k = box->findData(file);
        if (k >= 0)
            box->setCurrentIndex(k);
    }
}

} // namespace avt::widgets
