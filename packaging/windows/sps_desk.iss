; Windows installer of SPS Desk (Inno Setup 6), issue 16.
;
;   iscc /DVersion=0.1.0 packaging\windows\sps_desk.iss
;
; Packs the folder built by packaging/build.sh (dist\sps-desk: "SPS Desk.exe" for the
; window, sps-desk.exe for the command line) into dist\SPS-Desk-VERSION-installation.exe.
; The installation is per user and asks for no administrator rights (social-sector
; laptops rarely give them): the program goes to %LOCALAPPDATA%\Programs\SPS Desk, a
; shortcut to the Start menu. Uninstalling removes the program only: the user's data
; folder (%LOCALAPPDATA%\sps_desk: the encrypted base, its .keys file, backups, logs)
; stays, and the uninstaller says so and where it is.
; Built and tested by .github/workflows/installers.yml (it cannot run on Linux).

#ifndef Version
  #error Give the version: iscc /DVersion=X.Y.Z packaging\windows\sps_desk.iss
#endif
#ifndef Source
  #define Source "..\..\dist\sps-desk"
#endif
#define AppName "SPS Desk"
#define WindowExe "SPS Desk.exe"

[Setup]
; Never change AppId: it is how a new version recognises the installed one.
AppId={{671D4B21-B0DB-444D-91C2-9FE53B78CF07}
AppName={#AppName}
AppVersion={#Version}
AppVerName={#AppName} {#Version}
AppPublisher={#AppName}
AppComments=Application des équipes de prévention spécialisée
AppCopyright=Licence AGPL-3.0-or-later
VersionInfoVersion={#Version}
VersionInfoDescription=Installation de SPS Desk
; Per user, without administrator rights ({autopf} is then %LOCALAPPDATA%\Programs).
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=SPS-Desk-{#Version}-installation
SetupIconFile=..\icon\sps_desk.ico
UninstallDisplayIcon={app}\{#WindowExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
; A running SPS Desk is closed before its files are replaced (Restart Manager).
CloseApplications=yes

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Messages]
; Not « complètement … avec tous ses composants »: the data stays.
french.ConfirmUninstall=Désinstaller %1 ?%n%nLe programme sera retiré de cet ordinateur. Vos données (base chiffrée, fichier de clés, sauvegardes, journaux) seront conservées.

[CustomMessages]
french.DataKept=Vos données n'ont pas été supprimées. La base chiffrée, son fichier de clés (.keys), les sauvegardes et les journaux restent dans le dossier :%n%n%1%n%nGardez-les pour réinstaller SPS Desk ou les copier sur un autre ordinateur (la base et son fichier .keys vont toujours ensemble). Supprimez ce dossier vous-même seulement si vous n'en avez plus besoin.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Source}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#WindowExe}"; Comment: "Application des équipes de prévention spécialisée"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#WindowExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#WindowExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
// The data folder is platformdirs' user data folder of the application (sps_desk/ui/app.py).
function DataFolder(): String;
begin
  Result := ExpandConstant('{localappdata}\sps_desk');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent() then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [DataFolder()]), mbInformation, MB_OK);
end;
