#pragma once
// The dataset browser's "Prepare clip cache…" dialog: the model preset whose input sizes the cache
// is decoded for (model::ModelConfig::presetNames(), default avt-tiny as in training) and whether
// to rebuild from scratch. Only collects values; the browser runs the `prepare` verb in a child
// process (DatasetBrowser::startPrepare).
//
//   auto *d = new PrepareDialog(datasetName, this);
//   connect(d, &QDialog::accepted, this, [this, d] { startPrepare(d->preset(), d->rebuild()); });
//   d->open();
//
// GUI thread only.
#include <QDialog>

class QCheckBox;
class QComboBox;

namespace avt::widgets {

class PrepareDialog : public QDialog {
    Q_OBJECT
public:
    explicit PrepareDialog(const QString &dataset, QWidget *parent = nullptr);

    QString preset() const;
    // Selects a preset by name (ignored when it is not one of the list).
    void setPreset(const QString &preset);
    bool rebuild() const;
    void setRebuild(bool rebuild);

private:
    QComboBox *m_preset;
    QCheckBox *m_rebuild;
};

} // namespace avt::widgets
