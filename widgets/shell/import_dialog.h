#pragma once
// File > Import Dataset: the annotation file, its format (those of core/data/annotations.h),
// the dataset's name and the reader's options. Only collects values; ImportTask runs the import.
#include "core/importer/importer.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QDialogButtonBox;
class QFormLayout;

namespace avt::widgets {

class ImportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ImportDialog(QWidget *parent = nullptr);

    // Prefills the annotation file (e.g. a dropped CSV) and guesses name and format.
    void setAnnotationFile(const QString &path);
    QString annotationFile() const;
    data::ImportOptions options() const;

private:
    void updateState();
    QLineEdit *pathRow(QWidget *parent, QLineEdit *edit, bool folder, QFormLayout *form, const QString &label);

    QLineEdit *m_file;
    QComboBox *m_format;
    QLineEdit *m_name;
    QLineEdit *m_mediaRoot;
    QLineEdit *m_pattern;
    QLineEdit *m_classList;
    QLineEdit *m_split;
    QDoubleSpinBox *m_minDuration;
    QDialogButtonBox *m_buttons;
};

} // namespace avt::widgets
