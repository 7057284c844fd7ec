#pragma once
// Filtering and sorting of the runs tree (RunsModel): by text or a regular expression on the
// run name and config, by status and by dataset. A group shows when any of its runs does
// (recursive filtering); sorting uses RunsModel::SortRole, runs without a value last.
//
// Text: words that must all match (case-insensitive); a word with '=' matches a config entry
// "key=value" ("mode=avt" matches model.fusion.mode=avt), any other word the run name.
// Regular expression (case-insensitive): matches the name or any "key=value" line of the config
// (^ and $ anchor at line ends). An invalid expression filters nothing (isPatternValid()).
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QStringList>

namespace avt::widgets {

class RunsModel;

class RunsFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit RunsFilterModel(QObject *parent = nullptr);

    void setRunsModel(RunsModel *model);
    void setText(const QString &text, bool regularExpression);
    bool isPatternValid() const { return m_patternValid; }
    QString patternError() const { return m_patternError; }
    void setStatus(const QString &status);   // empty: every status
    void setDataset(const QString &dataset); // empty: every dataset

    // Whether run (index into the records) passes the filters.
    bool acceptsRun(int run) const;
    // The runs that pass, in the order the view shows them (top-level rows and their children).
    QList<int> visibleRuns() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    RunsModel *m_runs = nullptr;
    bool m_regex = false;
    bool m_patternValid = true;
    QString m_patternError;
    QRegularExpression m_pattern;
    QStringList m_nameWords, m_configWords;
    QString m_status, m_dataset;
};

} // namespace avt::widgets
