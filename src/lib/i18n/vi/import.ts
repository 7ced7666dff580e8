/** Vietnamese: import problems and command-line messages. */
export const importMessages = {
	'problem.where': 'Tệp {file}, dòng {row}, cột «{column}»: ',
	'problem.whereFile': 'Tệp {file}: ',
	'problem.value': ' (giá trị: «{value}»)',
	'problem.required': 'thiếu giá trị bắt buộc',
	'problem.year': 'năm phải là số có 4 chữ số',
	'problem.year_range': 'năm phải từ {min} đến {max}',
	'problem.number': 'không phải là số (ví dụ đúng: 64,89 hoặc 64.89)',
	'problem.positive_integer': 'thứ hạng phải là số nguyên từ 1 trở lên',
	'problem.value_type': 'loại giá trị phải là «published» hoặc «derived»',
	'problem.unknown_index': 'không có chỉ số này; các chỉ số đã biết: {known}',
	'problem.unknown_component': 'chỉ số {index} không có thành phần này; các thành phần: {known}',
	'problem.component_year': 'thành phần {component} không có trong {index} năm {year}',
	'problem.unknown_unit': 'không tìm thấy đơn vị; gần nhất: {suggestions}',
	'problem.ambiguous_unit': 'tên đơn vị khớp nhiều đơn vị: {suggestions}',
	'problem.unit_year': 'đơn vị không tồn tại trong năm {year} (đã sáp nhập hoặc chưa thành lập): {suggestions}',
	'problem.score_range': 'điểm phải từ 0 đến {max}',
	'problem.rank_range': 'thứ hạng phải từ 1 đến {max}',
	'problem.empty_figure': 'phải có điểm hoặc thứ hạng (không được trống cả hai)',
	'problem.duplicate': 'trùng khóa với dòng {other} (cùng chỉ số, năm, đơn vị, thành phần)',
	'problem.missing_columns': 'thiếu cột {columns}; cần có tiêu đề: {expected}',
	'problem.unknown_columns': 'cột không nhận ra: {columns}; các cột hợp lệ: {expected}',
	'problem.empty_file': 'tệp trống, không có dòng số liệu nào',
	'problem.not_text': 'không đọc được tệp dưới dạng văn bản CSV (UTF-8)',
	'problem.conflict': 'giá trị khác với số liệu đã lưu ({old} → {new}); dùng --replace để thay thế',
	'cli.dbLocked':
		'Không mở được cơ sở dữ liệu {path}: máy chủ chiso (hoặc một tiến trình khác) đang giữ tệp này, và mỗi lúc chỉ một tiến trình được ghi. Cách làm tiếp: dừng máy chủ rồi chạy lại lệnh, hoặc nhập tệp qua trang Nhập số liệu (/import) của máy chủ đang chạy.'
} as const;
