#pragma once
// The segment inspector's parameter form: one field per detector parameter (built from
// segments::detectorParamFields(), with their ranges and help as tooltips), the masking seed and
// the mask probability. Emits changed() on every edit; request() gives the values.
// GUI thread only.
#include "core/preview/segment_overlay.h"

#include <QWidget>

#include <vector>

class QAbstractSpinBox;
class QLabel;
class QSpinBox;
class QDoubleSpinBox;

namespace avt::widgets {

class DetectorForm : public QWidget {
    Q_OBJECT
public:
    explicit DetectorForm(QWidget *parent = nullptr);

    // The values as a request; the detector parameters may be invalid as a whole (order >=
    // window): the overlay computation reports that.
    preview::OverlayRequest request() const;
    void setRequest(const preview::OverlayRequest &request);
    // Sets one detector field by key (as in DetectorParams::set); false for an unknown key.
    bool setParam(const QString &key, double value);
    void setSeed(int seed);
    void setProbability(double probability);
    // Restores the defaults (the paper's detector, seed 0, 4 %).
    void resetDefaults();
    // Shown under the form (the last computation's error, or empty).
    void setMessage(const QString &message);

signals:
    void changed();

private:
    struct Field {
        QString key;
        QAbstractSpinBox *box;
        bool integer;
    };
    std::vector<Field> m_fields;
    QSpinBox *m_seed;
    QDoubleSpinBox *m_probability;
    QLabel *m_message;
};

} // namespace avt::widgets
