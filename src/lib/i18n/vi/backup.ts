/** Vietnamese: backups and restores (`chiso backup|restore`, /admin/backup, the daily schedule). */
export const backupMessages = {
	'backup.heading': 'Sao lưu và khôi phục',
	'backup.intro':
		'Bản sao lưu là một tệp .tar chứa toàn bộ cơ sở dữ liệu (số liệu, lô nhập, kế hoạch, tài khoản) dạng Parquet, kèm manifest ghi phiên bản chiso, mức migration, số dòng mỗi bảng và mã SHA-256. Tệp được kiểm tra lại ngay sau khi ghi.',
	'backup.download': 'Tải bản sao lưu',
	'backup.schedule.heading': 'Sao lưu định kỳ',
	'backup.schedule.off': 'Chưa bật. Đặt CHISO_BACKUP_DIR (thư mục lưu), CHISO_BACKUP_AT (giờ hằng ngày, mặc định 02:30) và CHISO_BACKUP_KEEP (số bản giữ lại, mặc định 7) rồi khởi động lại máy chủ.',
	'backup.schedule.on': 'Hằng ngày lúc {at} (giờ máy chủ), vào thư mục {dir}; giữ {keep} bản gần nhất. Lần tới: {next}.',
	'backup.schedule.none': 'Chưa có bản sao lưu định kỳ nào.',
	'backup.col.file': 'Tệp',
	'backup.col.size': 'Dung lượng (kB)',
	'backup.col.time': 'Thời điểm',
	'backup.restore.heading': 'Khôi phục từ bản sao lưu',
	'backup.restore.warning':
		'Toàn bộ dữ liệu hiện tại sẽ được thay bằng nội dung của bản sao lưu (trừ các phiên đăng nhập). Tệp được kiểm tra trọn vẹn trước; nếu tệp bị cắt ngắn, hỏng hoặc không phải bản sao lưu của chiso thì không có gì thay đổi.',
	'backup.restore.file': 'Tệp sao lưu (.tar)',
	'backup.restore.submit': 'Kiểm tra và khôi phục',
	'backup.restore.noFile': 'Hãy chọn một tệp sao lưu.',
	'backup.restore.done': 'Đã khôi phục bản sao lưu lúc {createdAt} (chiso {version}, SHA-256 {sha256}): {figures} số liệu, {batches} lô nhập.',
	'backup.done': 'Đã sao lưu vào {file}: {bytes} byte, {tables} bảng, {figures} số liệu, SHA-256 {sha256}.',
	'backup.verified': '{file}: bản sao lưu hợp lệ, lúc {createdAt} (chiso {version}, migration {level}), {figures} số liệu, SHA-256 {sha256}.',
	'backup.restored': 'Đã khôi phục {file} vào {path}: bản sao lưu lúc {createdAt}, {figures} số liệu. Mọi người cần đăng nhập lại.',
	'backup.lockedBackup':
		'Không sao lưu được {path} bằng dòng lệnh: máy chủ chiso (hoặc một tiến trình khác) đang giữ tệp này. Cách làm tiếp: tải bản sao lưu trên trang Sao lưu (/admin/backup) của máy chủ đang chạy, hoặc đặt CHISO_BACKUP_DIR để máy chủ tự sao lưu hằng ngày.',
	'backup.locked':
		'Không khôi phục được vào {path}: máy chủ chiso (hoặc một tiến trình khác) đang giữ tệp này. Cách làm tiếp: dừng máy chủ rồi chạy lại lệnh, hoặc khôi phục trên trang Sao lưu (/admin/backup) của máy chủ đang chạy.',
	'backup.error.missing': 'Không tìm thấy tệp {file}.',
	'backup.error.foreign': '{file} không phải là bản sao lưu của chiso (cần tệp .tar do «chiso backup» hoặc trang Sao lưu tạo ra). Không có gì thay đổi.',
	'backup.error.truncated': 'Bản sao lưu {file} không đầy đủ: tệp bị cắt ngắn. Không có gì thay đổi.',
	'backup.error.corrupted': 'Bản sao lưu {file} bị hỏng: {part} không khớp với manifest (SHA-256 hoặc số dòng). Không có gì thay đổi.',
	'backup.error.newer': 'Bản sao lưu {file} do chiso {version} tạo, có cấu trúc dữ liệu mới hơn phiên bản này. Hãy cập nhật chiso rồi khôi phục. Không có gì thay đổi.',
	'backup.error.unreadable': 'DuckDB không đọc được bản sao lưu {file} ({reason}). Không có gì thay đổi.',
	'backup.error.schedule': 'Cấu hình sao lưu định kỳ không hợp lệ: {name}="{value}", cần {expected}.'
} as const;
