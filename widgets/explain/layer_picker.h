#pragma once
// The Grad-CAM viewer's layer picker: the model's tapped layers as a tree (encoder / stage /
// block from the dotted tap names, with output shapes and map grids), the default layers marked
// "(default)", the layers in use in bold with why they are the default, and a Default layers
// button.
//
//   auto *picker = new CamLayerPicker(parent);
//   connect(picker, &CamLayerPicker::layerChosen, ...);     // double-click / Enter on a layer
//   connect(picker, &CamLayerPicker::defaultsRequested, ...);
//   picker->showLayers(result);                              // after each computed view
//
// GUI thread only.
#include <QWidget>

class QLabel;
class QTreeWidget;

namespace avt::gradcam {
struct ViewResult;
}

namespace avt::widgets {

class CamLayerPicker : public QWidget {
    Q_OBJECT
public:
    explicit CamLayerPicker(QWidget *parent = nullptr);

    // Rebuilds the tree when the model's layers changed, then marks the defaults and the layers
    // the result was computed at.
    void showLayers(const gradcam::ViewResult &v);
    QTreeWidget *tree() const { return m_tree; }

signals:
    void layerChosen(const QString &name, bool video);
    void defaultsRequested();

private:
    void rebuildTree(const gradcam::ViewResult &v);

    QTreeWidget *m_tree;
    QLabel *m_label;
    QStringList m_names; // what the tree shows
};

} // namespace avt::widgets
