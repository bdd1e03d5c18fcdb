#pragma once

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QListWidget;

namespace majlis::store {
class EventStore;
}

namespace majlis::ui {

// Who is voting: choose a known annotator or type a new name.
class AnnotatorDialog : public QDialog
{
    Q_OBJECT

public:
    AnnotatorDialog(const QStringList &known, const QString &last, QWidget *parent = nullptr);
    QString annotator() const;

private:
    QComboBox *m_names;
    QDialogButtonBox *m_buttons;
};

// Which pack to open: the packs in the store, or import a new file.
class PackChooserDialog : public QDialog
{
    Q_OBJECT

public:
    PackChooserDialog(store::EventStore &store, QWidget *parent = nullptr);
    QString packId() const;

private:
    void reload(const QString &select = {});
    void importFile();

    store::EventStore &m_store;
    QListWidget *m_list;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
};

// What the desktop's start-up says when it cannot go on, in the interface's language (here, in
// majlis_ui, where lupdate finds it: app/ is not scanned).
QString startupTitle();
QString packNotOpened(const QString &reason);
QString importingPack(const QString &fileName);

} // namespace majlis::ui
