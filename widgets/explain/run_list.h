#pragma once
// The Grad-CAM viewer's run list: the workspace's runs with their model, each with a checkbox
// (at most four ticked) and a checkpoint choice (best first, then each saved step). Ticking a run
// without a checkpoint, or a fifth run, is refused with a reason (refused()).
//
//   auto *runs = new CamRunList(parent);
//   runs->fill(engine->runs().value(), {"demo-table4-video"});  // ticks those that can be explained
//   connect(runs, &CamRunList::tickedChanged, ...);             // the user ticked or unticked one
//   runs->checkpoint("demo-table4-video");                      // empty: the best one
//
// GUI thread only.
#include <QTreeWidget>

namespace avt::gradcam {
struct ViewRun;
}

namespace avt::widgets {

class CamRunList : public QTreeWidget {
    Q_OBJECT
public:
    static constexpr int kMaxTicked = 4;

    explicit CamRunList(QWidget *parent = nullptr);

    // Lists the runs and ticks those of `wanted` that have a checkpoint (the first four).
    void fill(const QList<gradcam::ViewRun> &runs, const QStringList &wanted);
    // Ticks these (the first four known names, checkpoint or not) and unticks the others; no
    // tickedChanged.
    void tick(const QStringList &runs);
    QStringList ticked() const;
    QStringList names() const;
    // The checkpoint file chosen for a run: empty for its best one.
    QString checkpoint(const QString &run) const;
    void setCheckpoint(const QString &run, const QString &file); // a file of the run's list

signals:
    void tickedChanged();
    void checkpointChanged();
    void refused(const QString &why);

private:
    void onItemChanged(QTreeWidgetItem *item);
    QTreeWidgetItem *item(const QString &run) const;

    bool m_updating = false;
};

} // namespace avt::widgets
