; ANTT Desktop: the Windows installer (Inno Setup 6.3 or newer), issue #9.
;
; Do not compile by hand: run `py installer\build.py`. It builds dist\antt_desktop\ with
; PyInstaller, then calls
;   ISCC /DAppVersion=<antt_desktop.__version__> /DAppNumericVersion=… /DBundleDir=… /DOutputDir=… antt_desktop.iss
; so the version is written in one place only: src\antt_desktop\__init__.py.
;
; The user's data (database, backups, keys) lives in %LOCALAPPDATA%\ANTT\ANTT Desktop (see
; src\antt_desktop\paths.py), never in the program folder: installing a new version over an
; old one, or uninstalling, leaves it alone. On its first start after an upgrade the app backs
; the database up and then migrates it (store/migrate.py).
; Saved as UTF-8 with a BOM so that Inno Setup reads the Vietnamese text correctly.

#ifndef AppVersion
  #error AppVersion is missing: run installer\build.py, which reads antt_desktop.__version__
#endif
#ifndef AppNumericVersion
  #define AppNumericVersion AppVersion
#endif
#ifndef BundleDir
  #define BundleDir "..\dist\antt_desktop"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist"
#endif

#define AppName "ANTT Desktop"
#define AppPublisher "ANTT"
#define AppExeName "antt_desktop.exe"
#define PackageProgId "ANTTDesktop.Package"

[Setup]
; AppId ties every version together: a new setup installs over the old one, in the same
; folder, with the same shortcuts and tasks. Never change it.
AppId={{A1860785-BF6A-4281-9CF7-8F07C9AE2180}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
AppCopyright=ANTT
VersionInfoVersion={#AppNumericVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription=Bộ cài {#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per machine by default (a shared office PC); an officer without admin rights may still
; install for themselves. Data stays per user in %LOCALAPPDATA% either way.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
WizardStyle=modern
SetupIconFile=..\resources\icons\antt_desktop.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
OutputDir={#OutputDir}
OutputBaseFilename=ANTT-Desktop-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
ChangesAssociations=yes
; The Restart Manager closes a running copy before files are replaced.
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=no

[Languages]
; Inno Setup ships no official Vietnamese: Vietnamese.isl (beside this file) is our own,
; laid over the English defaults so a message added by a newer Inno Setup still shows.
Name: "vi"; MessagesFile: "compiler:Default.isl,Vietnamese.isl"

[CustomMessages]
PackageFileType=Gói dữ liệu ANTT
AssociatePackages=Mở tệp gói dữ liệu &.antt bằng {#AppName}
FileAssociations=Loại tệp:

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "associate"; Description: "{cm:AssociatePackages}"; GroupDescription: "{cm:FileAssociations}"

[InstallDelete]
; The bundle's internals are replaced whole on upgrade, so no stale library or old migration
; script of the previous version stays behind (Alembic reads every script in the folder).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Comment: "Quản lý lực lượng bảo vệ an ninh, trật tự ở cơ sở"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Tasks: desktopicon

[Registry]
; Double-clicking a .antt package starts the app with the file as its argument
; (HKA: HKLM for an all-users install, HKCU for a per-user one).
Root: HKA; Subkey: "Software\Classes\.antt"; ValueType: string; ValueName: ""; ValueData: "{#PackageProgId}"; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.antt"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-antt-package"; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.antt\OpenWithProgids"; ValueType: string; ValueName: "{#PackageProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#PackageProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:PackageFileType}"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#PackageProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExeName},0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#PackageProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExeName}"" ""%1"""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}\SupportedTypes"; ValueType: string; ValueName: ".antt"; ValueData: ""

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder. The data folder (%LOCALAPPDATA%\ANTT\ANTT Desktop) is the unit's
; records and is never removed by the uninstaller.
Type: filesandordirs; Name: "{app}\_internal"
