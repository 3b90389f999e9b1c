; *** Inno Setup 6: thông điệp tiếng Việt cho bộ cài ANTT Desktop ***
;
; Inno Setup không kèm bản tiếng Việt chính thức, nên dự án tự dịch. antt_desktop.iss nạp
; "compiler:Default.isl,Vietnamese.isl": thông điệp nào ở đây thiếu (của bản Inno Setup mới
; hơn) sẽ lấy bản tiếng Anh, không làm hỏng bộ cài. Tệp phải lưu UTF-8 có BOM.
; Lưu ý: không thêm dấu chấm vào cuối những câu vốn không có (Inno Setup tự thêm).

[LangOptions]
LanguageName=Tiếng Việt
LanguageID=$042A
LanguageCodePage=0

[Messages]

; *** Tên cửa sổ
SetupAppTitle=Cài đặt
SetupWindowTitle=Cài đặt - %1
UninstallAppTitle=Gỡ bỏ
UninstallAppFullTitle=Gỡ bỏ %1

; *** Chung
InformationTitle=Thông tin
ConfirmTitle=Xác nhận
ErrorTitle=Lỗi

; *** Trình nạp bộ cài
SetupLdrStartupMessage=Chương trình sẽ cài đặt %1. Bạn có muốn tiếp tục không?
LdrCannotCreateTemp=Không tạo được tệp tạm. Đã hủy cài đặt
LdrCannotExecTemp=Không chạy được tệp trong thư mục tạm. Đã hủy cài đặt
HelpTextNote=

; *** Lỗi khi khởi động
LastErrorMessage=%1.%n%nLỗi %2: %3
SetupFileMissing=Thiếu tệp %1 trong thư mục cài đặt. Hãy khắc phục hoặc lấy bản cài đặt mới.
SetupFileCorrupt=Các tệp cài đặt bị hỏng. Hãy lấy bản cài đặt mới.
SetupFileCorruptOrWrongVer=Các tệp cài đặt bị hỏng hoặc không hợp với phiên bản bộ cài này. Hãy khắc phục hoặc lấy bản cài đặt mới.
InvalidParameter=Tham số dòng lệnh không hợp lệ:%n%n%1
SetupAlreadyRunning=Bộ cài đặt đang chạy.
WindowsVersionNotSupported=Chương trình không hỗ trợ phiên bản Windows trên máy này.
WindowsServicePackRequired=Chương trình cần %1 Service Pack %2 trở lên.
NotOnThisPlatform=Chương trình không chạy trên %1.
OnlyOnThisPlatform=Chương trình chỉ chạy trên %1.
OnlyOnTheseArchitectures=Chương trình chỉ cài được trên các phiên bản Windows cho các loại bộ xử lý sau:%n%n%1
MissingWOW64APIs=Phiên bản Windows này thiếu chức năng cần cho cài đặt 64-bit. Hãy cài Service Pack %1.
WinVersionTooLowError=Chương trình cần %1 phiên bản %2 trở lên.
WinVersionTooHighError=Không cài được chương trình trên %1 phiên bản %2 trở lên.
AdminPrivilegesRequired=Bạn phải đăng nhập bằng tài khoản quản trị (Administrator) để cài chương trình này.
PowerUserPrivilegesRequired=Bạn phải đăng nhập bằng tài khoản quản trị hoặc thuộc nhóm Power Users để cài chương trình này.
SetupAppRunningError=%1 đang chạy.%n%nHãy đóng chương trình rồi bấm Đồng ý để tiếp tục, hoặc Hủy để thoát.
UninstallAppRunningError=%1 đang chạy.%n%nHãy đóng chương trình rồi bấm Đồng ý để tiếp tục, hoặc Hủy để thoát.

; *** Câu hỏi khi bắt đầu
PrivilegesRequiredOverrideInstruction=Chọn cách cài đặt
PrivilegesRequiredOverrideTaskDialogText1=Có thể cài %1 cho mọi người dùng máy này (cần quyền quản trị) hoặc chỉ cho riêng bạn.
PrivilegesRequiredOverrideMsgBoxText1=Có thể cài %1 cho mọi người dùng máy này (nên chọn, cần quyền quản trị) hoặc chỉ cho riêng bạn.%n%nCài cho mọi người dùng?
PrivilegesRequiredOverrideTaskDialogText2=Có thể cài %1 chỉ cho riêng bạn hoặc cho mọi người dùng máy này (cần quyền quản trị).
PrivilegesRequiredOverrideMsgBoxText2=Có thể cài %1 chỉ cho riêng bạn (nên chọn) hoặc cho mọi người dùng máy này (cần quyền quản trị).%n%nChỉ cài cho riêng bạn?
PrivilegesRequiredOverrideAllUsers=Cài cho &mọi người dùng
PrivilegesRequiredOverrideCurrentUser=Chỉ cài cho &riêng tôi
PrivilegesRequiredOverrideRecommended=%1 (nên chọn)

; *** Lỗi khác
ErrorCreatingDir=Không tạo được thư mục "%1"
ErrorTooManyFilesInDir=Không tạo được tệp trong thư mục "%1" vì thư mục có quá nhiều tệp

; *** Chung của trình cài đặt
ExitSetupTitle=Thoát cài đặt
ExitSetupMessage=Cài đặt chưa xong. Nếu thoát bây giờ, chương trình sẽ không được cài.%n%nBạn có thể chạy lại bộ cài vào lúc khác để cài xong.%n%nThoát cài đặt?
AboutSetupMenuItem=&Giới thiệu bộ cài...
AboutSetupTitle=Giới thiệu bộ cài
AboutSetupMessage=%1 phiên bản %2%n%3%n%nTrang chủ %1:%n%4
AboutSetupNote=
TranslatorNote=Bản dịch tiếng Việt: nhóm phát triển ANTT Desktop

; *** Nút bấm
ButtonBack=< &Quay lại
ButtonNext=&Tiếp >
ButtonInstall=&Cài đặt
ButtonOK=Đồng ý
ButtonCancel=Hủy
ButtonYes=&Có
ButtonYesToAll=Có &tất cả
ButtonNo=&Không
ButtonNoToAll=K&hông tất cả
ButtonFinish=&Hoàn tất
ButtonBrowse=&Chọn...
ButtonWizardBrowse=C&họn...
ButtonNewFolder=&Tạo thư mục mới

; *** Hộp chọn ngôn ngữ
SelectLanguageTitle=Chọn ngôn ngữ cài đặt
SelectLanguageLabel=Chọn ngôn ngữ dùng trong khi cài đặt:

; *** Chữ chung của các trang
ClickNext=Bấm Tiếp để tiếp tục, hoặc Hủy để thoát cài đặt.
BeveledLabel=
BrowseDialogTitle=Chọn thư mục
BrowseDialogLabel=Chọn một thư mục trong danh sách dưới đây rồi bấm Đồng ý.
NewFolderName=Thư mục mới

; *** Trang "Chào mừng"
WelcomeLabel1=Chào mừng đến với trình cài đặt [name]
WelcomeLabel2=Chương trình sẽ cài [name/ver] vào máy tính này.%n%nNên đóng các chương trình khác trước khi tiếp tục.%n%nDữ liệu đã có của đơn vị được giữ nguyên khi cài phiên bản mới.

; *** Trang "Mật khẩu"
WizardPassword=Mật khẩu
PasswordLabel1=Bộ cài này được bảo vệ bằng mật khẩu.
PasswordLabel3=Hãy nhập mật khẩu rồi bấm Tiếp. Mật khẩu phân biệt chữ hoa, chữ thường.
PasswordEditLabel=&Mật khẩu:
IncorrectPassword=Mật khẩu không đúng. Hãy thử lại.

; *** Trang "Thỏa thuận sử dụng"
WizardLicense=Thỏa thuận sử dụng
LicenseLabel=Hãy đọc các thông tin quan trọng sau trước khi tiếp tục.
LicenseLabel3=Hãy đọc thỏa thuận sử dụng sau. Bạn phải chấp nhận các điều khoản này thì mới cài đặt được.
LicenseAccepted=Tôi &chấp nhận thỏa thuận
LicenseNotAccepted=Tôi &không chấp nhận thỏa thuận

; *** Trang "Thông tin"
WizardInfoBefore=Thông tin
InfoBeforeLabel=Hãy đọc các thông tin quan trọng sau trước khi tiếp tục.
InfoBeforeClickLabel=Khi sẵn sàng tiếp tục cài đặt, bấm Tiếp.
WizardInfoAfter=Thông tin
InfoAfterLabel=Hãy đọc các thông tin quan trọng sau trước khi tiếp tục.
InfoAfterClickLabel=Khi sẵn sàng tiếp tục cài đặt, bấm Tiếp.

; *** Trang "Thông tin người dùng"
WizardUserInfo=Thông tin người dùng
UserInfoDesc=Hãy nhập thông tin của bạn.
UserInfoName=&Tên người dùng:
UserInfoOrg=&Đơn vị:
UserInfoSerial=&Số sê-ri:
UserInfoNameRequired=Bạn phải nhập tên.

; *** Trang "Chọn thư mục cài đặt"
WizardSelectDir=Chọn thư mục cài đặt
SelectDirDesc=Cài [name] vào đâu?
SelectDirLabel3=Chương trình sẽ cài [name] vào thư mục sau.
SelectDirBrowseLabel=Bấm Tiếp để tiếp tục. Muốn chọn thư mục khác, bấm Chọn.
DiskSpaceMBLabel=Cần ít nhất [mb] MB dung lượng trống.
CannotInstallToNetworkDrive=Không cài được vào ổ đĩa mạng.
CannotInstallToUNCPath=Không cài được vào đường dẫn UNC.
InvalidPath=Bạn phải nhập đường dẫn đầy đủ có ký hiệu ổ đĩa, ví dụ:%n%nC:\APP%n%nhoặc đường dẫn UNC dạng:%n%n\\server\share
InvalidDrive=Ổ đĩa hoặc thư mục chia sẻ UNC đã chọn không có hoặc không truy cập được. Hãy chọn nơi khác.
DiskSpaceWarningTitle=Không đủ dung lượng
DiskSpaceWarning=Cần ít nhất %1 KB dung lượng trống để cài, nhưng ổ đĩa đã chọn chỉ còn %2 KB.%n%nVẫn tiếp tục?
DirNameTooLong=Tên thư mục hoặc đường dẫn quá dài.
InvalidDirName=Tên thư mục không hợp lệ.
BadDirName32=Tên thư mục không được chứa các ký tự sau:%n%n%1
DirExistsTitle=Thư mục đã có
DirExists=Thư mục:%n%n%1%n%nđã có. Vẫn cài vào thư mục này?
DirDoesntExistTitle=Thư mục chưa có
DirDoesntExist=Thư mục:%n%n%1%n%nchưa có. Tạo thư mục này?

; *** Trang "Chọn thành phần"
WizardSelectComponents=Chọn thành phần
SelectComponentsDesc=Cài những thành phần nào?
SelectComponentsLabel2=Đánh dấu các thành phần muốn cài, bỏ dấu các thành phần không cần. Bấm Tiếp khi sẵn sàng.
FullInstallation=Cài đầy đủ
CompactInstallation=Cài gọn
CustomInstallation=Tự chọn
NoUninstallWarningTitle=Thành phần đã có
NoUninstallWarning=Các thành phần sau đã được cài trên máy:%n%n%1%n%nBỏ chọn chúng sẽ không gỡ chúng đi.%n%nVẫn tiếp tục?
ComponentSize1=%1 KB
ComponentSize2=%1 MB
ComponentsDiskSpaceMBLabel=Lựa chọn hiện tại cần ít nhất [mb] MB dung lượng trống.

; *** Trang "Chọn việc làm thêm"
WizardSelectTasks=Chọn việc làm thêm
SelectTasksDesc=Làm thêm những việc nào?
SelectTasksLabel2=Chọn các việc muốn làm thêm khi cài [name], rồi bấm Tiếp.

; *** Trang "Chọn thư mục trong menu Start"
WizardSelectProgramGroup=Chọn thư mục trong menu Start
SelectStartMenuFolderDesc=Đặt lối tắt của chương trình ở đâu?
SelectStartMenuFolderLabel3=Chương trình sẽ tạo lối tắt trong thư mục sau của menu Start.
SelectStartMenuFolderBrowseLabel=Bấm Tiếp để tiếp tục. Muốn chọn thư mục khác, bấm Chọn.
MustEnterGroupName=Bạn phải nhập tên thư mục.
GroupNameTooLong=Tên thư mục hoặc đường dẫn quá dài.
InvalidGroupName=Tên thư mục không hợp lệ.
BadGroupName=Tên thư mục không được chứa các ký tự sau:%n%n%1
NoProgramGroupCheck2=&Không tạo thư mục trong menu Start

; *** Trang "Sẵn sàng cài đặt"
WizardReady=Sẵn sàng cài đặt
ReadyLabel1=Đã sẵn sàng cài [name] vào máy tính này.
ReadyLabel2a=Bấm Cài đặt để bắt đầu, hoặc Quay lại nếu muốn xem lại hay thay đổi lựa chọn.
ReadyLabel2b=Bấm Cài đặt để bắt đầu.
ReadyMemoUserInfo=Thông tin người dùng:
ReadyMemoDir=Thư mục cài đặt:
ReadyMemoType=Kiểu cài đặt:
ReadyMemoComponents=Các thành phần đã chọn:
ReadyMemoGroup=Thư mục trong menu Start:
ReadyMemoTasks=Việc làm thêm:

; *** Trang "Chuẩn bị cài đặt"
WizardPreparing=Chuẩn bị cài đặt
PreparingDesc=Đang chuẩn bị cài [name] vào máy tính này.
PreviousInstallNotCompleted=Lần cài đặt hoặc gỡ bỏ chương trình trước chưa xong. Cần khởi động lại máy tính để hoàn tất.%n%nSau khi khởi động lại, hãy chạy lại bộ cài để cài xong [name].
CannotContinue=Không thể tiếp tục cài đặt. Bấm Hủy để thoát.
ApplicationsFound=Các chương trình sau đang dùng những tệp cần cập nhật. Nên để bộ cài tự đóng các chương trình này.
ApplicationsFound2=Các chương trình sau đang dùng những tệp cần cập nhật. Nên để bộ cài tự đóng các chương trình này. Cài xong, bộ cài sẽ thử mở lại chúng.
CloseApplications=&Tự động đóng các chương trình
DontCloseApplications=&Không đóng các chương trình
ErrorCloseApplications=Không tự đóng được mọi chương trình. Nên đóng các chương trình đang dùng những tệp cần cập nhật trước khi tiếp tục.

; *** Trang "Đang cài đặt"
WizardInstalling=Đang cài đặt
InstallingLabel=Xin chờ trong khi [name] được cài vào máy tính này.

; *** Trang "Cài đặt xong"
FinishedHeadingLabel=Đã cài xong [name]
FinishedLabelNoIcons=Đã cài xong [name] vào máy tính này.
FinishedLabel=Đã cài xong [name] vào máy tính này. Mở chương trình bằng lối tắt vừa tạo.
ClickFinish=Bấm Hoàn tất để thoát.
FinishedRestartLabel=Để cài xong [name], cần khởi động lại máy tính. Khởi động lại ngay?
FinishedRestartMessage=Để cài xong [name], cần khởi động lại máy tính.%n%nKhởi động lại ngay?
ShowReadmeCheck=Có, tôi muốn xem tệp hướng dẫn
YesRadio=&Có, khởi động lại máy ngay
NoRadio=&Không, tôi sẽ khởi động lại sau
RunEntryExec=Mở %1
RunEntryShellExec=Xem %1

; *** Cần đĩa tiếp theo
ChangeDiskTitle=Cần đĩa tiếp theo
SelectDiskLabel2=Hãy đưa đĩa %1 vào rồi bấm Đồng ý.%n%nNếu các tệp của đĩa này nằm ở thư mục khác thư mục dưới đây, hãy nhập đúng đường dẫn hoặc bấm Chọn.
PathLabel=Đường &dẫn:
FileNotInDir2=Không tìm thấy tệp "%1" trong "%2". Hãy đưa đúng đĩa vào hoặc chọn thư mục khác.
SelectDirectoryLabel=Hãy chỉ nơi có đĩa tiếp theo.

; *** Khi cài đặt
SetupAborted=Cài đặt chưa xong.%n%nHãy khắc phục sự cố rồi chạy lại bộ cài.
EntryAbortRetryIgnore=Bấm Thử lại để thử lần nữa, Bỏ qua để vẫn tiếp tục, hoặc Hủy bỏ để dừng cài đặt.
AbortRetryIgnoreChooseAction=Chọn cách xử lý
AbortRetryIgnoreRetry=Thử lại
AbortRetryIgnoreProceedAnyway=Vẫn tiếp tục
AbortRetryIgnoreCancel=Dừng cài đặt

; *** Trạng thái
StatusClosingApplications=Đang đóng các chương trình...
StatusCreateDirs=Đang tạo thư mục...
StatusExtractFiles=Đang giải nén tệp...
StatusCreateIcons=Đang tạo lối tắt...
StatusCreateIniEntries=Đang ghi tệp INI...
StatusCreateRegistryEntries=Đang ghi sổ đăng ký (registry)...
StatusRegisterFiles=Đang đăng ký tệp...
StatusSavingUninstall=Đang lưu thông tin gỡ bỏ...
StatusRunProgram=Đang hoàn tất cài đặt...
StatusRestartingApplications=Đang mở lại các chương trình...
StatusRollback=Đang hoàn tác các thay đổi...

; *** Lỗi khác
ErrorInternal2=Lỗi nội bộ: %1
ErrorFunctionFailedNoCode=%1 không thành công
ErrorFunctionFailed=%1 không thành công; mã %2
ErrorFunctionFailedWithMessage=%1 không thành công; mã %2.%n%3
ErrorExecutingProgram=Không chạy được tệp:%n%1

; *** Lỗi sổ đăng ký
ErrorRegOpenKey=Lỗi khi mở khóa registry:%n%1\%2
ErrorRegCreateKey=Lỗi khi tạo khóa registry:%n%1\%2
ErrorRegWriteKey=Lỗi khi ghi khóa registry:%n%1\%2

; *** Lỗi INI
ErrorIniEntry=Lỗi khi ghi vào tệp INI "%1".

; *** Lỗi chép tệp
FileAbortRetryIgnore=Bấm Thử lại để thử lần nữa, Bỏ qua để bỏ qua tệp này (không nên), hoặc Hủy bỏ để dừng cài đặt.
FileAbortRetryIgnore2=Bấm Thử lại để thử lần nữa, Bỏ qua để vẫn tiếp tục (không nên), hoặc Hủy bỏ để dừng cài đặt.
FileAbortRetryIgnoreSkipNotRecommended=Bỏ qua tệp này (không nên)
FileAbortRetryIgnoreProceedAnywayNotRecommended=Vẫn tiếp tục (không nên)
SourceIsCorrupted=Tệp nguồn bị hỏng
SourceDoesntExist=Không có tệp nguồn "%1"
ExistingFileReadOnly=Tệp đang có được đặt chỉ đọc.
ExistingFileReadOnlyAbortRetryIgnore=Bấm Thử lại để bỏ thuộc tính chỉ đọc rồi thử lại, Bỏ qua để bỏ qua tệp này, hoặc Hủy bỏ để dừng cài đặt.
ExistingFileReadOnlyRetry=Bỏ thuộc tính chỉ đọc rồi thử lại
ExistingFileReadOnlySkip=Bỏ qua tệp này
ErrorReadingExistingDest=Lỗi khi đọc tệp đang có:
FileExists=Tệp đã có.%n%nGhi đè lên tệp này?
ExistingFileNewer=Tệp đang có mới hơn tệp bộ cài định chép. Nên giữ tệp đang có.%n%nGiữ tệp đang có?
ErrorChangingAttr=Lỗi khi đổi thuộc tính của tệp đang có:
ErrorCreatingTemp=Lỗi khi tạo tệp trong thư mục cài đặt:
ErrorReadingSource=Lỗi khi đọc tệp nguồn:
ErrorCopying=Lỗi khi chép tệp:
ErrorReplacingExistingFile=Lỗi khi thay tệp đang có:
ErrorRestartReplace=Không thay được tệp khi khởi động lại:
ErrorRenamingTemp=Lỗi khi đổi tên tệp trong thư mục cài đặt:
ErrorRegisterServer=Không đăng ký được DLL/OCX: %1
ErrorRegSvr32Failed=RegSvr32 không thành công, mã thoát %1
ErrorRegisterTypeLib=Không đăng ký được thư viện kiểu: %1

; *** Ghi chú trong tên gỡ bỏ
UninstallDisplayNameMark=%1 (%2)
UninstallDisplayNameMarks=%1 (%2, %3)
UninstallDisplayNameMark32Bit=32-bit
UninstallDisplayNameMark64Bit=64-bit
UninstallDisplayNameMarkAllUsers=Mọi người dùng
UninstallDisplayNameMarkCurrentUser=Người dùng hiện tại

; *** Lỗi sau khi cài
ErrorOpeningReadme=Lỗi khi mở tệp hướng dẫn.
ErrorRestartingComputer=Không khởi động lại được máy tính. Hãy tự khởi động lại.

; *** Gỡ bỏ
UninstallNotFound=Không có tệp "%1". Không gỡ bỏ được.
UninstallOpenError=Không mở được tệp "%1". Không gỡ bỏ được
UninstallUnsupportedVer=Tệp nhật ký gỡ bỏ "%1" có định dạng mà trình gỡ bỏ này không đọc được. Không gỡ bỏ được
UninstallUnknownEntry=Gặp mục lạ (%1) trong nhật ký gỡ bỏ
ConfirmUninstall=Bạn có chắc muốn gỡ bỏ %1 và mọi thành phần của nó?%n%nDữ liệu của đơn vị (cơ sở dữ liệu, bản sao lưu) nằm trong thư mục dữ liệu của người dùng và được giữ nguyên.
UninstallOnlyOnWin64=Chỉ gỡ bỏ được bản cài này trên Windows 64-bit.
OnlyAdminCanUninstall=Chỉ người dùng có quyền quản trị mới gỡ bỏ được bản cài này.
UninstallStatusLabel=Xin chờ trong khi %1 được gỡ khỏi máy tính.
UninstalledAll=Đã gỡ bỏ xong %1 khỏi máy tính.
UninstalledMost=Đã gỡ bỏ %1.%n%nMột số mục không gỡ được; có thể tự xóa chúng.
UninstalledAndNeedsRestart=Để gỡ bỏ xong %1, cần khởi động lại máy tính.%n%nKhởi động lại ngay?
UninstallDataCorrupted=Tệp "%1" bị hỏng. Không gỡ bỏ được

; *** Khi gỡ bỏ
ConfirmDeleteSharedFileTitle=Xóa tệp dùng chung?
ConfirmDeleteSharedFile2=Hệ thống cho biết tệp dùng chung sau không còn chương trình nào dùng. Xóa tệp này?%n%nNếu vẫn có chương trình dùng tệp này mà nó bị xóa, chương trình đó có thể chạy sai. Nếu không chắc, hãy chọn Không: để lại tệp không gây hại gì.
SharedFileNameLabel=Tên tệp:
SharedFileLocationLabel=Vị trí:
WizardUninstalling=Tình trạng gỡ bỏ
StatusUninstalling=Đang gỡ bỏ %1...

; *** Lý do chặn tắt máy
ShutdownBlockReasonInstallingApp=Đang cài %1.
ShutdownBlockReasonUninstallingApp=Đang gỡ bỏ %1.

[CustomMessages]

NameAndVersion=%1 phiên bản %2
AdditionalIcons=Lối tắt thêm:
CreateDesktopIcon=Tạo lối tắt trên &màn hình nền (Desktop)
CreateQuickLaunchIcon=Tạo lối tắt &Khởi động nhanh
ProgramOnTheWeb=%1 trên mạng
UninstallProgram=Gỡ bỏ %1
LaunchProgram=Mở %1
AssocFileExtension=&Gắn tệp %2 với %1
AssocingFileExtension=Đang gắn tệp %2 với %1...
AutoStartProgramGroupDescription=Khởi động cùng Windows:
AutoStartProgram=Tự động mở %1
AddonHostProgramNotFound=Không tìm thấy %1 trong thư mục đã chọn.%n%nVẫn tiếp tục?
