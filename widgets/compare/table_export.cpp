#include "widgets/compare/table_export.h"

#include "core/store/workspace.h"
#include "widgets/common/background.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>
#include <memory>

namespace avt::widgets {

namespace {

// A table item that sorts numeric cells by value.
class CellItem : public QTableWidgetItem {
public:
    using QTableWidgetItem::QTableWidgetItem;
    bool operator<(const QTableWidgetItem &other) const override
    {
        const QVariant a = data(kTableValueRole), b = other.data(kTableValueRole);
        if (a.isValid() && b.isValid()) {
            const double x = a.toDouble(), y = b.toDouble();
            if (std::isfinite(x) != std::isfinite(y))
                return std::isfinite(x);
            return x < y;
        }
        return QTableWidgetItem::operator<(other);
    }
};

QString number(double v, int decimals)
{
    return std::isfinite(v) ? QString::number(v, 'f', decimals) : QStringLiteral("-");
}

} // namespace

QString cellText(const compare::Cell &cell, int decimals)
{
    if (!cell.numeric())
        return cell.text;
    if (cell.n > 1 && std::isfinite(cell.std))
        return QStringLiteral("%1 ± %2").arg(number(cell.value, decimals), number(cell.std, decimals));
    return number(cell.value, decimals);
}

void fillTable(QTableWidget *widget, const compare::Table &table)
{
    widget->setSortingEnabled(false);
    widget->clear();
    widget->setColumnCount(int(table.headers.size()));
    widget->setRowCount(int(table.rows.size()));
    widget->setHorizontalHeaderLabels(table.headers);
    for (int r = 0; r < int(table.rows.size()); ++r)
        for (int c = 0; c < int(table.headers.size()); ++c) {
            const compare::Cell cell = table.rows[r].value(c, compare::Cell::ofText(QString()));
            auto *item = new CellItem(cellText(cell, table.decimals));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            if (cell.numeric()) {
                item->setData(kTableValueRole, cell.value);
                item->setData(kTableStdRole, cell.std);
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                if (cell.n > 1)
                    item->setToolTip(QObject::tr("mean of %n run(s)", nullptr, cell.n));
            }
            widget->setItem(r, c, item);
        }
    widget->resizeColumnsToContents();
    // Rows in the table's order until a header is clicked.
    widget->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    widget->setSortingEnabled(true);
}

QString tableFormatOfPath(const QString &path)
{
    const QString s = QFileInfo(path).suffix().toLower();
    if (s == QLatin1String("csv"))
        return QStringLiteral("csv");
    if (s == QLatin1String("tex") || s == QLatin1String("latex"))
        return QStringLiteral("latex");
    if (s == QLatin1String("md") || s == QLatin1String("markdown"))
        return QStringLiteral("markdown");
    return QString();
}

Status writeTable(const compare::Table &table, const QString &path, const QString &format)
{
    const QString f = format.isEmpty() ? tableFormatOfPath(path) : format;
    if (f.isEmpty())
        return makeError(QStringLiteral("usage"),
                         QObject::tr("%1: name the file .csv, .tex or .md").arg(QDir::toNativeSeparators(path)));
    auto text = compare::formatTable(table, f);
    if (!text)
        return text.error();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return makeError(QStringLiteral("io"),
                         QObject::tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    file.write(text->toUtf8());
    if (!file.commit())
        return makeError(QStringLiteral("io"),
                         QObject::tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    return Ok{};
}

bool exportTableDialog(QWidget *parent, const compare::Table &table, const QString &suggestedName)
{
    const QString csv = QObject::tr("CSV (*.csv)"), latex = QObject::tr("LaTeX (*.tex)"),
                  markdown = QObject::tr("Markdown (*.md)");
    QString filter = csv;
    QString path =
        QFileDialog::getSaveFileName(parent, QObject::tr("Export table"), suggestedName + QStringLiteral(".csv"),
                                     QStringList{csv, latex, markdown}.join(QStringLiteral(";;")), &filter);
    if (path.isEmpty())
        return false;
    QString format = tableFormatOfPath(path);
    if (format.isEmpty()) {
        // No known suffix typed: the filter decides, and the file gets its suffix.
        format = filter == latex      ? QStringLiteral("latex")
                 : filter == markdown ? QStringLiteral("markdown")
                                      : QStringLiteral("csv");
        path += format == QLatin1String("latex")      ? QStringLiteral(".tex")
                : format == QLatin1String("markdown") ? QStringLiteral(".md")
                                                      : QStringLiteral(".csv");
    }
    if (auto st = writeTable(table, path, format); !st) {
        QMessageBox::warning(parent, QObject::tr("Export table"), st.error().message);
        return false;
    }
    return true;
}

TableTab::TableTab(const QString &name, QWidget *parent)
    : QWidget(parent), m_export(new QPushButton(tr("Export…"), this)), m_status(new QLabel(this)),
      m_table(new QTableWidget(this))
{
    m_export->setObjectName(name + QStringLiteral("ExportButton"));
    m_status->setObjectName(name + QStringLiteral("Status"));
    m_table->setObjectName(name + QStringLiteral("Table"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
}

void TableTab::layOut(QHBoxLayout *controls)
{
    controls->addStretch(1);
    controls->addWidget(m_export);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 1);
}

void TableTab::showNoTable(const QString &message)
{
    ++m_generation;
    m_loading = false;
    m_tableData = {};
    fillTable(m_table, m_tableData);
    m_export->setEnabled(false);
    m_status->setText(message);
    Q_EMIT updated();
}

void TableTab::readTable(const QString &folder, MakeTable make, const QString &loadingText, const QString &errorText,
                         const QString &noCaption)
{
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_status->setText(loadingText);
    using Out = std::shared_ptr<Result<compare::Table>>;
    whenFinished(this, runInBackground([folder, make = std::move(make)]() -> Out {
                     auto ws = store::Workspace::open(folder);
                     if (!ws)
                         return std::make_shared<Result<compare::Table>>(ws.error());
                     return std::make_shared<Result<compare::Table>>(make((*ws)->db()));
                 }),
                 [this, generation, errorText, noCaption](const Out &table) {
                     if (generation != m_generation)
                         return;
                     m_loading = false;
                     if (!*table) {
                         m_tableData = {};
                         m_status->setText(errorText.arg(table->error().message));
                     } else {
                         m_tableData = **table;
                         m_status->setText(m_tableData.caption.isEmpty() ? noCaption : m_tableData.caption);
                     }
                     fillTable(m_table, m_tableData);
                     m_export->setEnabled(!m_tableData.rows.isEmpty());
                     Q_EMIT updated();
                 });
}

} // namespace avt::widgets
