#pragma once
// The Grad-CAM viewer's class list: every class of a result's main head with its score, best
// first, the ground truth ticked and the class explained in bold; a click picks a class to
// explain (classPicked).
//
//   auto *classes = new CamClassTable(parent);
//   classes->showScores(result);
//   connect(classes, &CamClassTable::classPicked, ...);
//
// GUI thread only.
#include <QTableWidget>

namespace avt::gradcam {
struct ViewResult;
}

namespace avt::widgets {

class CamClassTable : public QTableWidget {
    Q_OBJECT
public:
    explicit CamClassTable(QWidget *parent = nullptr);
    void showScores(const gradcam::ViewResult &v);

signals:
    void classPicked(int classIndex);
};

} // namespace avt::widgets
