/** Vietnamese: layout, overview and shared table words. */
export const core = {
	'app.title': 'Chỉ số',
	'app.tagline': 'Theo dõi Chỉ số CCHC, PAPI và PCI so với mục tiêu',
	'overview.heading': 'Thứ hạng của {unit} qua các năm',
	'overview.placeholder': 'Bảng thứ hạng và điểm số theo từng năm, kèm nguồn của mỗi số liệu.',
	'table.year': 'Năm',
	'table.rank': 'Thứ hạng',
	'table.score': 'Điểm',
	'table.source': 'Nguồn',
	'table.rankComputed': 'tính từ điểm',
	'table.rankDerived': 'suy ra',
	'table.noData': 'Chưa có số liệu',
	'source.link': 'nguồn'
} as const;
