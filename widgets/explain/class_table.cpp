#include "widgets/explain/class_table.h"

#include "core/explain/cam_view.h"

#include <QHeaderView>

namespace avt::widgets {

CamClassTable::CamClassTable(QWidget *parent) : QTableWidget(parent)
{
    setColumnCount(2);
    setHorizontalHeaderLabels({tr("Class"), tr("Score")});
    verticalHeader()->hide();
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    setMinimumHeight(120);
    setToolTip(tr("Scores of the first run's main head; pick a class to explain it"));
    connect(this, &QTableWidget::cellClicked, this, [this](int row, int) {
        if (auto *it = item(row, 0))
            emit classPicked(it->data(Qt::UserRole).toInt());
    });
}

void CamClassTable::showScores(const gradcam::ViewResult &v)
{
    const auto all = v.topK(int(v.mainLogits.size()));
    setRowCount(int(all.size()));
    setSortingEnabled(false);
    int row = 0;
    for (const auto &[k, p] : all) {
        QString name = k < v.classNames.size() ? v.classNames[int(k)] : QString::number(k);
        if (k == v.label)
            name = QStringLiteral("✓ ") + name;
        auto *nameItem = new QTableWidgetItem(name);
        nameItem->setData(Qt::UserRole, int(k));
        if (k == v.targetClass) {
            QFont f = nameItem->font();
            f.setBold(true);
            nameItem->setFont(f);
        }
        auto *score = new QTableWidgetItem(QStringLiteral("%1%").arg(p * 100.0, 0, 'f', 1));
        score->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        setItem(row, 0, nameItem);
        setItem(row, 1, score);
        ++row;
    }
}

} // namespace avt::widgets
