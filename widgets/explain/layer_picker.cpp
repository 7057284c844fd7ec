#include "widgets/explain/layer_picker.h"

#include "core/explain/cam_view.h"

#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <map>

namespace avt::widgets {

namespace {

QString shapeText(const std::vector<int64_t> &s)
{
    QStringList parts;
    for (int64_t x : s)
        parts << QString::number(x);
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

} // namespace

CamLayerPicker::CamLayerPicker(QWidget *parent)
    : QWidget(parent), m_tree(new QTreeWidget(this)), m_label(new QLabel(this))
{
    m_tree->setColumnCount(3);
    m_tree->setHeaderLabels({tr("Layer"), tr("Output shape"), tr("Map grid")});
    m_tree->setMinimumHeight(140);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QString name = item->data(0, Qt::UserRole).toString();
        if (!name.isEmpty())
            emit layerChosen(name, item->data(0, Qt::UserRole + 1).toBool());
    });
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::RichText);
    auto *defaults = new QPushButton(tr("Default layers"), this);
    connect(defaults, &QPushButton::clicked, this, &CamLayerPicker::defaultsRequested);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree);
    layout->addWidget(m_label);
    layout->addWidget(defaults, 0, Qt::AlignLeft);
}

void CamLayerPicker::rebuildTree(const gradcam::ViewResult &v)
{
    QStringList names;
    for (const auto &l : v.layers)
        names << l.name;
    if (names == m_names)
        return;
    m_names = names;
    m_tree->clear();
    // encoder / stage / block from the dotted tap name ("video.blocks3.1", "audio.blocks.11").
    std::map<QString, QTreeWidgetItem *> groups;
    for (const auto &l : v.layers) {
        const QStringList parts = l.name.split(QLatin1Char('.'));
        QTreeWidgetItem *parent = nullptr;
        QString path;
        for (int i = 0; i + 1 < parts.size(); ++i) {
            path += (i ? QStringLiteral(".") : QString()) + parts[i];
            auto it = groups.find(path);
            if (it == groups.end()) {
                auto *g = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
                g->setText(0, parts[i]);
                g->setFlags(Qt::ItemIsEnabled);
                it = groups.emplace(path, g).first;
            }
            parent = it->second;
        }
        auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
        item->setText(0, parts.last());
        item->setText(1, shapeText(l.shape));
        item->setText(2, shapeText(l.grid));
        item->setData(0, Qt::UserRole, l.name);
        item->setData(0, Qt::UserRole + 1, l.video);
        item->setToolTip(0, l.name);
    }
}

void CamLayerPicker::showLayers(const gradcam::ViewResult &v)
{
    rebuildTree(v);
    // Mark the defaults and the layers in use.
    const QString video = v.videoLayer, audio = v.audioLayer;
    QTreeWidgetItemIterator it(m_tree);
    while (*it) {
        QTreeWidgetItem *item = *it;
        const QString name = item->data(0, Qt::UserRole).toString();
        if (!name.isEmpty()) {
            QFont f = item->font(0);
            f.setBold(name == video || name == audio);
            item->setFont(0, f);
            QString label = name.section(QLatin1Char('.'), -1);
            if (name == v.defaultVideoLayer || name == v.defaultAudioLayer)
                label += tr(" (default)");
            item->setText(0, label);
            if (name == video || name == audio) {
                for (QTreeWidgetItem *p = item->parent(); p; p = p->parent())
                    p->setExpanded(true);
            }
        }
        ++it;
    }
    QString text;
    if (!video.isEmpty())
        text += tr("<b>Video</b> %1%2")
                    .arg(video, video == v.defaultVideoLayer
                                    ? tr(" — default: %1").arg(v.defaultVideoReason.toHtmlEscaped())
                                    : QString());
    if (!audio.isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral("<br>"))
                + tr("<b>Audio</b> %1%2")
                      .arg(audio, audio == v.defaultAudioLayer
                                      ? tr(" — default: %1").arg(v.defaultAudioReason.toHtmlEscaped())
                                      : QString());
    m_label->setText(text + tr("<br><i>Double-click a layer to use it.</i>"));
}

} // namespace avt::widgets
