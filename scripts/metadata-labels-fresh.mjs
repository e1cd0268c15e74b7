/**
 * The fresh held-out set of scripts/eval-metadata.mjs (issue 16, round 3): 12
 * administrative documents written for this evaluation in the Decree 30/2020
 * layouts (Appendix III: công văn, quyết định, nghị quyết, báo cáo, tờ trình,
 * kế hoạch, thông báo, giấy mời, biên bản, chỉ thị, hướng dẫn), with invented
 * bodies, numbers and people. scripts/render-fresh.mjs makes each one a file
 * (DOCX, PDF, HTML or TXT, with the two-column header and signature as offices
 * lay them out) in a temporary folder when the evaluation runs.
 *
 * How they were labelled: each document's `expected` was written by hand from
 * its own text here, as an officer would cite it, BEFORE the extractor was run on
 * any of them, and no rule was changed after reading their results. Conventions
 * as in metadata-labels-heldout.mjs (issuer as printed, the parent body in
 * issuerParent, signerPosition lines joined by " / ", the summary without
 * "V/v"). The author also wrote identity rules, so this is a cleaner figure than
 * the read-over held-out sets, not a user's files: documents from outside the
 * team remain the honest test.
 */

/**
 * @typedef {{ left: string[], number: string, dateLine: string, vv?: string[], typeLine?: string,
 *   summary?: string[], after?: string[], body: string[], recipients: string[], position: string[], name: string,
 *   secondSigner?: { position: string[], name: string } }} FreshSpec
 */

/** @type {Array<{ id: string, format: 'docx'|'pdf'|'html'|'txt', spec: FreshSpec, expected: Record<string, string|number|null> }>} */
export const freshDocuments = [
  {
    id: 'cv-1287-snn-quang-ngai',
    format: 'docx',
    spec: {
      left: ['UBND TỈNH QUẢNG NGÃI', 'SỞ NÔNG NGHIỆP VÀ', 'PHÁT TRIỂN NÔNG THÔN'],
      number: 'Số: 1287/SNN-TL',
      dateLine: 'Quảng Ngãi, ngày 14 tháng 6 năm 2023',
      vv: ['V/v triển khai các biện pháp phòng, chống', 'hạn hán, thiếu nước sinh hoạt mùa khô năm 2023'],
      body: [
        'Kính gửi: Ủy ban nhân dân các huyện, thị xã, thành phố.',
        'Thực hiện Công văn số 2156/UBND-KTN ngày 05/6/2023 của Ủy ban nhân dân tỉnh về việc chủ động ứng phó với nắng nóng, hạn hán, Sở Nông nghiệp và Phát triển nông thôn đề nghị Ủy ban nhân dân các huyện, thị xã, thành phố thực hiện một số nội dung sau:',
        '1. Rà soát nguồn nước tại các hồ chứa, đập dâng; xây dựng kế hoạch điều tiết nước hợp lý, ưu tiên nước sinh hoạt cho người dân và nước uống cho gia súc.',
        '2. Chỉ đạo các công ty khai thác công trình thủy lợi nạo vét kênh mương, sửa chữa cống lấy nước trước ngày 30/6/2023.',
        '3. Báo cáo tình hình thiệt hại do hạn hán về Sở Nông nghiệp và Phát triển nông thôn định kỳ vào thứ Sáu hằng tuần.',
      ],
      recipients: ['Như trên;', 'UBND tỉnh (b/c);', 'Giám đốc Sở;', 'Lưu: VT, TL.'],
      position: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'],
      name: 'Nguyễn Văn Thạnh',
    },
    expected: {
      type: 'cong-van', number: '1287/SNN-TL', issuer: 'SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN', issuerParent: 'UBND TỈNH QUẢNG NGÃI',
      place: 'Quảng Ngãi', date: '2023-06-14', year: 2023,
      summary: 'triển khai các biện pháp phòng, chống hạn hán, thiếu nước sinh hoạt mùa khô năm 2023',
      signer: 'Nguyễn Văn Thạnh', signerPosition: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC',
    },
  },
  {
    id: 'qd-45-2022-ubnd-bac-giang',
    format: 'pdf',
    spec: {
      left: ['ỦY BAN NHÂN DÂN', 'TỈNH BẮC GIANG'],
      number: 'Số: 45/2022/QĐ-UBND',
      dateLine: 'Bắc Giang, ngày 08 tháng 11 năm 2022',
      typeLine: 'QUYẾT ĐỊNH',
      summary: ['Ban hành Quy chế quản lý cụm công nghiệp', 'trên địa bàn tỉnh Bắc Giang'],
      after: ['ỦY BAN NHÂN DÂN TỈNH BẮC GIANG'],
      body: [
        'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
        'Căn cứ Nghị định số 66/2020/NĐ-CP ngày 11 tháng 6 năm 2020 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 68/2017/NĐ-CP ngày 25 tháng 5 năm 2017 về quản lý, phát triển cụm công nghiệp;',
        'Theo đề nghị của Giám đốc Sở Công Thương tại Tờ trình số 312/TTr-SCT ngày 20 tháng 10 năm 2022.',
        'QUYẾT ĐỊNH:',
        'Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý cụm công nghiệp trên địa bàn tỉnh Bắc Giang.',
        'Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày 20 tháng 11 năm 2022.',
        'Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các sở, Thủ trưởng các cơ quan có liên quan chịu trách nhiệm thi hành Quyết định này.',
      ],
      recipients: ['Như Điều 3;', 'Bộ Công Thương;', 'Cục Kiểm tra VBQPPL - Bộ Tư pháp;', 'TT Tỉnh ủy, TT HĐND tỉnh;', 'Lưu: VT, KTN.'],
      position: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'],
      name: 'Mai Sơn',
    },
    expected: {
      type: 'quyet-dinh', number: '45/2022/QĐ-UBND', issuer: 'ỦY BAN NHÂN DÂN TỈNH BẮC GIANG', issuerParent: null,
      place: 'Bắc Giang', date: '2022-11-08', year: 2022,
      summary: 'Ban hành Quy chế quản lý cụm công nghiệp trên địa bàn tỉnh Bắc Giang',
      signer: 'Mai Sơn', signerPosition: 'TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH',
    },
  },
  {
    id: 'cv-2345-bgddt',
    format: 'html',
    spec: {
      left: ['BỘ GIÁO DỤC VÀ ĐÀO TẠO'],
      number: 'Số: 2345/BGDĐT-GDTrH',
      dateLine: 'Hà Nội, ngày 25 tháng 5 năm 2021',
      vv: ['V/v hướng dẫn thực hiện kế hoạch giáo dục', 'năm học 2021-2022'],
      body: [
        'Kính gửi: Các sở giáo dục và đào tạo.',
        'Để chuẩn bị cho năm học 2021-2022, Bộ Giáo dục và Đào tạo hướng dẫn các sở giáo dục và đào tạo chỉ đạo các cơ sở giáo dục trung học xây dựng và thực hiện kế hoạch giáo dục như sau:',
        '1. Kế hoạch giáo dục của nhà trường được xây dựng cho cả năm học, bảo đảm thực hiện đầy đủ chương trình, phù hợp với điều kiện thực tế của địa phương.',
        '2. Các sở giáo dục và đào tạo báo cáo kết quả thực hiện về Bộ (qua Vụ Giáo dục Trung học) trước ngày 15/7/2021.',
      ],
      recipients: ['Như trên;', 'Bộ trưởng (để b/c);', 'Lưu: VT, Vụ GDTrH.'],
      position: ['TL. BỘ TRƯỞNG', 'VỤ TRƯỞNG VỤ GIÁO DỤC TRUNG HỌC'],
      name: 'Nguyễn Xuân Thành',
    },
    expected: {
      type: 'cong-van', number: '2345/BGDĐT-GDTrH', issuer: 'BỘ GIÁO DỤC VÀ ĐÀO TẠO', issuerParent: null,
      place: 'Hà Nội', date: '2021-05-25', year: 2021,
      summary: 'hướng dẫn thực hiện kế hoạch giáo dục năm học 2021-2022',
      signer: 'Nguyễn Xuân Thành', signerPosition: 'TL. BỘ TRƯỞNG / VỤ TRƯỞNG VỤ GIÁO DỤC TRUNG HỌC',
    },
  },
  {
    id: 'nq-12-2020-hdnd-lam-dong',
    format: 'docx',
    spec: {
      left: ['HỘI ĐỒNG NHÂN DÂN', 'TỈNH LÂM ĐỒNG'],
      number: 'Số: 12/2020/NQ-HĐND',
      dateLine: 'Lâm Đồng, ngày 09 tháng 12 năm 2020',
      typeLine: 'NGHỊ QUYẾT',
      summary: ['Quy định mức chi hỗ trợ công tác phổ biến, giáo dục pháp luật', 'và hòa giải ở cơ sở trên địa bàn tỉnh Lâm Đồng'],
      after: ['HỘI ĐỒNG NHÂN DÂN TỈNH LÂM ĐỒNG', 'KHÓA IX KỲ HỌP THỨ 18'],
      body: [
        'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
        'Căn cứ Luật Hòa giải ở cơ sở ngày 20 tháng 6 năm 2013;',
        'Xét Tờ trình số 8842/TTr-UBND ngày 20 tháng 11 năm 2020 của Ủy ban nhân dân tỉnh; Báo cáo thẩm tra của Ban Pháp chế Hội đồng nhân dân tỉnh.',
        'QUYẾT NGHỊ:',
        'Điều 1. Quy định mức chi hỗ trợ công tác phổ biến, giáo dục pháp luật và hòa giải ở cơ sở trên địa bàn tỉnh.',
        'Điều 2. Nghị quyết này có hiệu lực từ ngày 20 tháng 12 năm 2020.',
        'Nghị quyết này đã được Hội đồng nhân dân tỉnh Lâm Đồng Khóa IX Kỳ họp thứ 18 thông qua ngày 09 tháng 12 năm 2020.',
      ],
      recipients: ['UBTVQH, Chính phủ;', 'Bộ Tư pháp;', 'TTTU, TTHĐND, UBND tỉnh;', 'Lưu: VT, HS kỳ họp.'],
      position: ['CHỦ TỊCH'],
      name: 'Trần Đức Quận',
    },
    expected: {
      type: 'nghi-quyet', number: '12/2020/NQ-HĐND', issuer: 'HỘI ĐỒNG NHÂN DÂN TỈNH LÂM ĐỒNG', issuerParent: null,
      place: 'Lâm Đồng', date: '2020-12-09', year: 2020,
      summary: 'Quy định mức chi hỗ trợ công tác phổ biến, giáo dục pháp luật và hòa giải ở cơ sở trên địa bàn tỉnh Lâm Đồng',
      signer: 'Trần Đức Quận', signerPosition: 'CHỦ TỊCH',
    },
  },
  {
    id: 'bc-215-tnmt-cu-chi',
    format: 'pdf',
    spec: {
      left: ['UBND HUYỆN CỦ CHI', 'PHÒNG TÀI NGUYÊN VÀ MÔI TRƯỜNG'],
      number: 'Số: 215/BC-TNMT',
      dateLine: 'Củ Chi, ngày 30 tháng 9 năm 2024',
      typeLine: 'BÁO CÁO',
      summary: ['Kết quả công tác quản lý đất đai 9 tháng đầu năm', 'và phương hướng nhiệm vụ quý IV năm 2024'],
      body: [
        'Thực hiện Kế hoạch số 1120/KH-UBND ngày 12 tháng 01 năm 2024 của Ủy ban nhân dân huyện về công tác quản lý đất đai năm 2024, Phòng Tài nguyên và Môi trường báo cáo kết quả như sau:',
        'I. KẾT QUẢ THỰC HIỆN',
        '1. Công tác cấp giấy chứng nhận: đã cấp 1.245 giấy chứng nhận quyền sử dụng đất lần đầu, đạt 83% kế hoạch năm.',
        '2. Công tác thanh tra, kiểm tra: đã kiểm tra 36 trường hợp vi phạm, xử phạt 21 trường hợp với tổng số tiền 642 triệu đồng.',
        'II. PHƯƠNG HƯỚNG NHIỆM VỤ QUÝ IV NĂM 2024',
        'Tiếp tục đẩy nhanh cấp giấy chứng nhận; hoàn thành kế hoạch sử dụng đất năm 2025 của huyện trước ngày 15/11/2024.',
      ],
      recipients: ['UBND huyện (b/c);', 'Sở Tài nguyên và Môi trường;', 'Lưu: VT.'],
      position: ['TRƯỞNG PHÒNG'],
      name: 'Lê Văn Hùng',
    },
    expected: {
      type: 'bao-cao', number: '215/BC-TNMT', issuer: 'PHÒNG TÀI NGUYÊN VÀ MÔI TRƯỜNG', issuerParent: 'UBND HUYỆN CỦ CHI',
      place: 'Củ Chi', date: '2024-09-30', year: 2024,
      summary: 'Kết quả công tác quản lý đất đai 9 tháng đầu năm và phương hướng nhiệm vụ quý IV năm 2024',
      signer: 'Lê Văn Hùng', signerPosition: 'TRƯỞNG PHÒNG',
    },
  },
  {
    id: 'ttr-88-stp-khanh-hoa',
    format: 'txt',
    spec: {
      left: ['UBND TỈNH KHÁNH HÒA', 'SỞ TƯ PHÁP'],
      number: 'Số: 88/TTr-STP',
      dateLine: 'Khánh Hòa, ngày 03 tháng 3 năm 2025',
      typeLine: 'TỜ TRÌNH',
      summary: ['Về việc đề nghị ban hành Kế hoạch phổ biến,', 'giáo dục pháp luật năm 2025'],
      body: [
        'Kính gửi: Ủy ban nhân dân tỉnh Khánh Hòa.',
        'Căn cứ Luật Phổ biến, giáo dục pháp luật ngày 20 tháng 6 năm 2012; thực hiện Quyết định số 45/QĐ-HĐPH ngày 10 tháng 01 năm 2025 của Hội đồng Phối hợp phổ biến, giáo dục pháp luật Trung ương, Sở Tư pháp kính trình Ủy ban nhân dân tỉnh xem xét, ban hành Kế hoạch phổ biến, giáo dục pháp luật năm 2025 (dự thảo kèm theo).',
        'Sở Tư pháp kính trình Ủy ban nhân dân tỉnh xem xét, quyết định./.',
      ],
      recipients: ['Như trên;', 'Lưu: VT, PBGDPL.'],
      position: ['GIÁM ĐỐC'],
      name: 'Phạm Thị Hoa',
    },
    expected: {
      type: 'to-trinh', number: '88/TTr-STP', issuer: 'SỞ TƯ PHÁP', issuerParent: 'UBND TỈNH KHÁNH HÒA',
      place: 'Khánh Hòa', date: '2025-03-03', year: 2025,
      summary: 'Về việc đề nghị ban hành Kế hoạch phổ biến, giáo dục pháp luật năm 2025',
      signer: 'Phạm Thị Hoa', signerPosition: 'GIÁM ĐỐC',
    },
  },
  {
    id: 'kh-156-syt-hai-phong',
    format: 'docx',
    spec: {
      left: ['UBND THÀNH PHỐ HẢI PHÒNG', 'SỞ Y TẾ'],
      number: 'Số: 156/KH-SYT',
      dateLine: 'Hải Phòng, ngày 17 tháng 02 năm 2022',
      typeLine: 'KẾ HOẠCH',
      summary: ['Tiêm vắc xin phòng COVID-19 cho trẻ em từ 5 đến dưới 12 tuổi', 'trên địa bàn thành phố Hải Phòng'],
      body: [
        'Căn cứ Quyết định số 3355/QĐ-BYT ngày 08 tháng 7 năm 2021 của Bộ Y tế về việc ban hành Kế hoạch triển khai chiến dịch tiêm vắc xin phòng COVID-19 năm 2021 - 2022, Sở Y tế xây dựng Kế hoạch như sau:',
        'I. MỤC ĐÍCH, YÊU CẦU',
        'Bảo đảm trên 95% trẻ em từ 5 đến dưới 12 tuổi trên địa bàn thành phố được tiêm đủ liều vắc xin phòng COVID-19.',
        'II. THỜI GIAN THỰC HIỆN',
        'Từ tháng 4 năm 2022, theo tiến độ cung ứng vắc xin của Bộ Y tế.',
      ],
      recipients: ['Bộ Y tế (b/c);', 'UBND thành phố (b/c);', 'Lưu: VT, NVY.'],
      position: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'],
      name: 'Đỗ Mạnh Hùng',
    },
    expected: {
      type: 'ke-hoach', number: '156/KH-SYT', issuer: 'SỞ Y TẾ', issuerParent: 'UBND THÀNH PHỐ HẢI PHÒNG',
      place: 'Hải Phòng', date: '2022-02-17', year: 2022,
      summary: 'Tiêm vắc xin phòng COVID-19 cho trẻ em từ 5 đến dưới 12 tuổi trên địa bàn thành phố Hải Phòng',
      signer: 'Đỗ Mạnh Hùng', signerPosition: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC',
    },
  },
  {
    id: 'tb-57-vpubnd-dong-thap',
    format: 'pdf',
    spec: {
      left: ['UBND TỈNH ĐỒNG THÁP', 'VĂN PHÒNG'],
      number: 'Số: 57/TB-VPUBND',
      dateLine: 'Đồng Tháp, ngày 21 tháng 4 năm 2023',
      typeLine: 'THÔNG BÁO',
      summary: ['Kết luận của Phó Chủ tịch Ủy ban nhân dân tỉnh tại cuộc họp', 'ngày 15/4/2023 về tiến độ giải ngân vốn đầu tư công'],
      body: [
        'Ngày 15 tháng 4 năm 2023, Phó Chủ tịch Ủy ban nhân dân tỉnh chủ trì cuộc họp nghe báo cáo tiến độ giải ngân vốn đầu tư công năm 2023. Sau khi nghe báo cáo và ý kiến của các đại biểu, Phó Chủ tịch kết luận như sau:',
        '1. Các chủ đầu tư khẩn trương hoàn thiện hồ sơ thanh toán khối lượng đã thực hiện, bảo đảm tỷ lệ giải ngân đến ngày 30/6/2023 đạt trên 50% kế hoạch.',
        '2. Sở Kế hoạch và Đầu tư tổng hợp, báo cáo Ủy ban nhân dân tỉnh tình hình giải ngân định kỳ hằng tháng.',
        'Văn phòng Ủy ban nhân dân tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.',
      ],
      recipients: ['CT, các PCT UBND tỉnh;', 'Các sở, ngành tỉnh;', 'Lưu: VT, KT.'],
      position: ['TL. CHỦ TỊCH', 'KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG'],
      name: 'Nguyễn Thanh Tâm',
    },
    expected: {
      type: 'thong-bao', number: '57/TB-VPUBND', issuer: 'VĂN PHÒNG', issuerParent: 'UBND TỈNH ĐỒNG THÁP',
      place: 'Đồng Tháp', date: '2023-04-21', year: 2023,
      summary: 'Kết luận của Phó Chủ tịch Ủy ban nhân dân tỉnh tại cuộc họp ngày 15/4/2023 về tiến độ giải ngân vốn đầu tư công',
      signer: 'Nguyễn Thanh Tâm', signerPosition: 'TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG',
    },
  },
  {
    id: 'gm-19-skhcn-thai-nguyen',
    format: 'html',
    spec: {
      left: ['UBND TỈNH THÁI NGUYÊN', 'SỞ KHOA HỌC VÀ CÔNG NGHỆ'],
      number: 'Số: 19/GM-SKHCN',
      dateLine: 'Thái Nguyên, ngày 06 tháng 10 năm 2025',
      typeLine: 'GIẤY MỜI',
      summary: ['Dự Hội thảo khoa học “Ứng dụng trí tuệ nhân tạo trong quản lý nhà nước”'],
      body: [
        'Sở Khoa học và Công nghệ tỉnh Thái Nguyên trân trọng kính mời đại diện lãnh đạo các sở, ban, ngành tỉnh dự Hội thảo khoa học.',
        'Thời gian: 08 giờ 00 ngày 14 tháng 10 năm 2025.',
        'Địa điểm: Hội trường tầng 3, Sở Khoa học và Công nghệ, số 2 đường Nha Trang, thành phố Thái Nguyên.',
        'Rất mong quý đại biểu đến dự đúng thời gian./.',
      ],
      recipients: ['Như thành phần mời;', 'Lưu: VT, QLKH.'],
      position: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'],
      name: 'Hoàng Thị Mai',
    },
    expected: {
      type: 'giay-moi', number: '19/GM-SKHCN', issuer: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ', issuerParent: 'UBND TỈNH THÁI NGUYÊN',
      place: 'Thái Nguyên', date: '2025-10-06', year: 2025,
      summary: 'Dự Hội thảo khoa học “Ứng dụng trí tuệ nhân tạo trong quản lý nhà nước”',
      signer: 'Hoàng Thị Mai', signerPosition: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC',
    },
  },
  {
    id: 'bb-07-ubnd-tan-hiep',
    format: 'txt',
    spec: {
      left: ['ỦY BAN NHÂN DÂN', 'XÃ TÂN HIỆP'],
      number: 'Số: 07/BB-UBND',
      dateLine: 'Tân Hiệp, ngày 12 tháng 8 năm 2024',
      typeLine: 'BIÊN BẢN',
      summary: ['Họp xét duyệt hồ sơ hỗ trợ hộ nghèo năm 2024'],
      body: [
        'Thời gian: Vào lúc 14 giờ 00 phút, ngày 12 tháng 8 năm 2024.',
        'Địa điểm: Hội trường Ủy ban nhân dân xã Tân Hiệp.',
        'Thành phần: Ông Võ Văn Tám, Phó Chủ tịch Ủy ban nhân dân xã, chủ trì; đại diện Ủy ban Mặt trận Tổ quốc xã và trưởng các ấp.',
        'Nội dung: Hội nghị đã xét duyệt 18 hồ sơ đề nghị hỗ trợ; thống nhất đề nghị hỗ trợ 15 hộ, không hỗ trợ 3 hộ do không đủ điều kiện.',
        'Cuộc họp kết thúc vào lúc 16 giờ 30 phút cùng ngày.',
      ],
      recipients: [],
      position: ['THƯ KÝ'],
      name: 'Nguyễn Thị Lan',
      secondSigner: { position: ['CHỦ TRÌ'], name: 'Võ Văn Tám' },
    },
    expected: {
      type: 'bien-ban', number: '07/BB-UBND', issuer: 'ỦY BAN NHÂN DÂN XÃ TÂN HIỆP', issuerParent: null,
      place: 'Tân Hiệp', date: '2024-08-12', year: 2024,
      summary: 'Họp xét duyệt hồ sơ hỗ trợ hộ nghèo năm 2024',
      signer: 'Võ Văn Tám', signerPosition: 'CHỦ TRÌ',
    },
  },
  {
    id: 'ct-09-ttg',
    format: 'pdf',
    spec: {
      left: ['THỦ TƯỚNG CHÍNH PHỦ'],
      number: 'Số: 09/CT-TTg',
      dateLine: 'Hà Nội, ngày 27 tháng 3 năm 2024',
      typeLine: 'CHỈ THỊ',
      summary: ['Về tăng cường công tác phòng cháy, chữa cháy trong mùa khô'],
      body: [
        'Thời gian qua, công tác phòng cháy, chữa cháy đã được các bộ, ngành, địa phương quan tâm chỉ đạo, song tình hình cháy, nổ vẫn diễn biến phức tạp. Để chủ động phòng ngừa, Thủ tướng Chính phủ yêu cầu:',
        '1. Các bộ, cơ quan ngang bộ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương rà soát, kiểm tra an toàn phòng cháy, chữa cháy tại các cơ sở có nguy cơ cháy, nổ cao.',
        '2. Bộ Công an chủ trì, phối hợp với các bộ, ngành tổng kết việc thực hiện Chỉ thị này, báo cáo Thủ tướng Chính phủ trước ngày 31 tháng 12 năm 2024.',
      ],
      recipients: ['Ban Bí thư Trung ương Đảng;', 'Các bộ, cơ quan ngang bộ;', 'HĐND, UBND các tỉnh, TP trực thuộc TW;', 'Lưu: VT, NC.'],
      position: ['KT. THỦ TƯỚNG', 'PHÓ THỦ TƯỚNG'],
      name: 'Trần Hồng Hà',
    },
    expected: {
      type: 'chi-thi', number: '09/CT-TTg', issuer: 'THỦ TƯỚNG CHÍNH PHỦ', issuerParent: null,
      place: 'Hà Nội', date: '2024-03-27', year: 2024,
      summary: 'Về tăng cường công tác phòng cháy, chữa cháy trong mùa khô',
      signer: 'Trần Hồng Hà', signerPosition: 'KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG',
    },
  },
  {
    id: 'hd-03-bhxh-binh-duong',
    format: 'docx',
    spec: {
      left: ['BẢO HIỂM XÃ HỘI VIỆT NAM', 'BẢO HIỂM XÃ HỘI', 'TỈNH BÌNH DƯƠNG'],
      number: 'Số: 03/HD-BHXH',
      dateLine: 'Bình Dương, ngày 10 tháng 01 năm 2024',
      typeLine: 'HƯỚNG DẪN',
      summary: ['Thực hiện thu bảo hiểm xã hội, bảo hiểm y tế,', 'bảo hiểm thất nghiệp năm 2024'],
      body: [
        'Căn cứ Quyết định số 595/QĐ-BHXH ngày 14 tháng 4 năm 2017 của Tổng Giám đốc Bảo hiểm xã hội Việt Nam, Bảo hiểm xã hội tỉnh hướng dẫn như sau:',
        '1. Đơn vị sử dụng lao động lập hồ sơ đăng ký tham gia cho người lao động trong thời hạn 30 ngày kể từ ngày giao kết hợp đồng lao động.',
        '2. Mức đóng thực hiện theo quy định hiện hành; đơn vị chuyển tiền đóng trước ngày cuối cùng của tháng.',
      ],
      recipients: ['BHXH Việt Nam (b/c);', 'Các đơn vị sử dụng lao động;', 'Lưu: VT, QLT.'],
      position: ['GIÁM ĐỐC'],
      name: 'Trương Minh Tuấn',
    },
    expected: {
      type: 'huong-dan', number: '03/HD-BHXH', issuer: 'BẢO HIỂM XÃ HỘI TỈNH BÌNH DƯƠNG', issuerParent: 'BẢO HIỂM XÃ HỘI VIỆT NAM',
      place: 'Bình Dương', date: '2024-01-10', year: 2024,
      summary: 'Thực hiện thu bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp năm 2024',
      signer: 'Trương Minh Tuấn', signerPosition: 'GIÁM ĐỐC',
    },
  },
];

/**
 * The second fresh set (`fresh-2`): 12 more documents written and labelled the same way, after the
 * first set's misses had been read and fixed (the first set is now scored as tuning). Labelled
 * before the extractor was run on any of them. First run: 112/115 fields (97.4 %), every miss in
 * cv-3210-vpcp.txt ("VĂN PHÒNG CHÍNH PHỦ" split in two, the date line inside the V/v, a recipient's name
 * taken for a signature); those rules were then fixed, so that one document is read, the other eleven never were.
 */
/** @type {typeof freshDocuments} */
export const freshDocuments2 = [
  {
    id: 'cv-312-cctl-an-giang',
    format: 'docx',
    spec: {
      left: ['SỞ NÔNG NGHIỆP VÀ PTNT TỈNH AN GIANG', 'CHI CỤC THỦY LỢI'],
      number: 'Số: 312/CCTL-QLCT',
      dateLine: 'An Giang, ngày 02 tháng 8 năm 2023',
      vv: ['V/v kiểm tra an toàn đê bao mùa lũ năm 2023'],
      body: [
        'Kính gửi: Phòng Nông nghiệp và Phát triển nông thôn các huyện, thị xã, thành phố.',
        'Căn cứ Công văn số 1502/SNNPTNT-TL ngày 20/7/2023 của Sở Nông nghiệp và Phát triển nông thôn về công tác phòng, chống thiên tai mùa lũ, Chi cục Thủy lợi đề nghị các đơn vị kiểm tra toàn bộ hệ thống đê bao, cống bọng trên địa bàn và báo cáo kết quả trước ngày 20/8/2023.',
      ],
      recipients: ['Như trên;', 'Sở NN&PTNT (b/c);', 'Lưu: VT, QLCT.'],
      position: ['CHI CỤC TRƯỞNG'],
      name: 'Trần Văn Phúc',
    },
    expected: {
      type: 'cong-van', number: '312/CCTL-QLCT', issuer: 'CHI CỤC THỦY LỢI', issuerParent: 'SỞ NÔNG NGHIỆP VÀ PTNT TỈNH AN GIANG',
      place: 'An Giang', date: '2023-08-02', year: 2023,
      summary: 'kiểm tra an toàn đê bao mùa lũ năm 2023',
      signer: 'Trần Văn Phúc', signerPosition: 'CHI CỤC TRƯỞNG',
    },
  },
  {
    id: 'qd-1024-sgtvt-tien-giang',
    format: 'pdf',
    spec: {
      left: ['UBND TỈNH TIỀN GIANG', 'SỞ GIAO THÔNG VẬN TẢI'],
      number: 'Số: 1024/QĐ-SGTVT',
      dateLine: 'Tiền Giang, ngày 19 tháng 12 năm 2023',
      typeLine: 'QUYẾT ĐỊNH',
      summary: ['Về việc thành lập Tổ kiểm tra liên ngành', 'về trật tự an toàn giao thông'],
      after: ['GIÁM ĐỐC SỞ GIAO THÔNG VẬN TẢI'],
      body: [
        'Căn cứ Quyết định số 14/2022/QĐ-UBND ngày 05 tháng 5 năm 2022 của Ủy ban nhân dân tỉnh quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Giao thông vận tải;',
        'Theo đề nghị của Chánh Thanh tra Sở.',
        'QUYẾT ĐỊNH:',
        'Điều 1. Thành lập Tổ kiểm tra liên ngành về trật tự an toàn giao thông gồm các thành viên có tên tại danh sách kèm theo.',
        'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
      ],
      recipients: ['Như Điều 2;', 'Lưu: VT, TTr.'],
      position: ['GIÁM ĐỐC'],
      name: 'Nguyễn Quốc Việt',
    },
    expected: {
      type: 'quyet-dinh', number: '1024/QĐ-SGTVT', issuer: 'SỞ GIAO THÔNG VẬN TẢI', issuerParent: 'UBND TỈNH TIỀN GIANG',
      place: 'Tiền Giang', date: '2023-12-19', year: 2023,
      summary: 'Về việc thành lập Tổ kiểm tra liên ngành về trật tự an toàn giao thông',
      signer: 'Nguyễn Quốc Việt', signerPosition: 'GIÁM ĐỐC',
    },
  },
  {
    id: 'bc-98-pgddt-duc-hoa',
    format: 'html',
    spec: {
      left: ['UBND HUYỆN ĐỨC HÒA', 'PHÒNG GIÁO DỤC VÀ ĐÀO TẠO'],
      number: 'Số: 98/BC-PGDĐT',
      dateLine: 'Đức Hòa, ngày 25 tháng 5 năm 2022',
      typeLine: 'BÁO CÁO',
      summary: ['Tổng kết năm học 2021-2022 và phương hướng, nhiệm vụ năm học 2022-2023'],
      body: [
        'Thực hiện Công văn số 1266/SGDĐT-GDTrH ngày 06 tháng 5 năm 2022 của Sở Giáo dục và Đào tạo, Phòng Giáo dục và Đào tạo báo cáo như sau:',
        'I. KẾT QUẢ NĂM HỌC 2021-2022',
        'Toàn huyện có 78 trường với 41.250 học sinh; tỷ lệ học sinh hoàn thành chương trình tiểu học đạt 99,8%.',
        'II. PHƯƠNG HƯỚNG NĂM HỌC 2022-2023',
        'Tiếp tục thực hiện Chương trình giáo dục phổ thông 2018 đối với lớp 3, lớp 7 và lớp 10.',
      ],
      recipients: ['Sở GD&ĐT (b/c);', 'UBND huyện (b/c);', 'Lưu: VT.'],
      position: ['TRƯỞNG PHÒNG'],
      name: 'Phan Thị Ngọc Hân',
    },
    expected: {
      type: 'bao-cao', number: '98/BC-PGDĐT', issuer: 'PHÒNG GIÁO DỤC VÀ ĐÀO TẠO', issuerParent: 'UBND HUYỆN ĐỨC HÒA',
      place: 'Đức Hòa', date: '2022-05-25', year: 2022,
      summary: 'Tổng kết năm học 2021-2022 và phương hướng, nhiệm vụ năm học 2022-2023',
      signer: 'Phan Thị Ngọc Hân', signerPosition: 'TRƯỞNG PHÒNG',
    },
  },
  {
    id: 'nq-05-hdnd-binh-chanh',
    format: 'pdf',
    spec: {
      left: ['HỘI ĐỒNG NHÂN DÂN', 'HUYỆN BÌNH CHÁNH'],
      number: 'Số: 05/NQ-HĐND',
      dateLine: 'Bình Chánh, ngày 15 tháng 7 năm 2021',
      typeLine: 'NGHỊ QUYẾT',
      summary: ['Về kế hoạch đầu tư công trung hạn giai đoạn 2021 - 2025 của huyện'],
      after: ['HỘI ĐỒNG NHÂN DÂN HUYỆN BÌNH CHÁNH', 'KHÓA XII, KỲ HỌP THỨ HAI'],
      body: [
        'Căn cứ Luật Đầu tư công ngày 13 tháng 6 năm 2019;',
        'Xét Tờ trình số 221/TTr-UBND ngày 01 tháng 7 năm 2021 của Ủy ban nhân dân huyện.',
        'QUYẾT NGHỊ:',
        'Điều 1. Thông qua kế hoạch đầu tư công trung hạn giai đoạn 2021 - 2025 của huyện với tổng vốn 8.450 tỷ đồng.',
        'Điều 2. Giao Ủy ban nhân dân huyện tổ chức thực hiện Nghị quyết này.',
      ],
      recipients: ['TT HĐND TP;', 'TT Huyện ủy;', 'Lưu: VT.'],
      position: ['CHỦ TỊCH'],
      name: 'Đoàn Thị Hương',
    },
    expected: {
      type: 'nghi-quyet', number: '05/NQ-HĐND', issuer: 'HỘI ĐỒNG NHÂN DÂN HUYỆN BÌNH CHÁNH', issuerParent: null,
      place: 'Bình Chánh', date: '2021-07-15', year: 2021,
      summary: 'Về kế hoạch đầu tư công trung hạn giai đoạn 2021 - 2025 của huyện',
      signer: 'Đoàn Thị Hương', signerPosition: 'CHỦ TỊCH',
    },
  },
  {
    id: 'cv-455-cqltnn',
    format: 'docx',
    spec: {
      left: ['BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG', 'CỤC QUẢN LÝ TÀI NGUYÊN NƯỚC'],
      number: 'Số: 455/TNN-QLN',
      dateLine: 'Hà Nội, ngày 11 tháng 4 năm 2024',
      vv: ['V/v góp ý dự thảo Thông tư quy định kỹ thuật', 'quan trắc tài nguyên nước'],
      body: [
        'Kính gửi: Sở Tài nguyên và Môi trường các tỉnh, thành phố trực thuộc trung ương.',
        'Thực hiện Kế hoạch xây dựng văn bản quy phạm pháp luật năm 2024 của Bộ Tài nguyên và Môi trường ban hành kèm theo Quyết định số 112/QĐ-BTNMT ngày 15 tháng 01 năm 2024, Cục Quản lý tài nguyên nước đề nghị Quý Sở góp ý dự thảo Thông tư (gửi kèm theo) và gửi văn bản góp ý trước ngày 30/4/2024.',
      ],
      recipients: ['Như trên;', 'Thứ trưởng Lê Công Thành (để b/c);', 'Lưu: VT, QLN.'],
      position: ['KT. CỤC TRƯỞNG', 'PHÓ CỤC TRƯỞNG'],
      name: 'Châu Trần Vĩnh',
    },
    expected: {
      type: 'cong-van', number: '455/TNN-QLN', issuer: 'CỤC QUẢN LÝ TÀI NGUYÊN NƯỚC', issuerParent: 'BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG',
      place: 'Hà Nội', date: '2024-04-11', year: 2024,
      summary: 'góp ý dự thảo Thông tư quy định kỹ thuật quan trắc tài nguyên nước',
      signer: 'Châu Trần Vĩnh', signerPosition: 'KT. CỤC TRƯỞNG / PHÓ CỤC TRƯỞNG',
    },
  },
  {
    id: 'kh-27-thpt-hoa-lu-a',
    format: 'txt',
    spec: {
      left: ['SỞ GD&ĐT TỈNH NINH BÌNH', 'TRƯỜNG THPT HOA LƯ A'],
      number: 'Số: 27/KH-THPTHLA',
      dateLine: 'Ninh Bình, ngày 05 tháng 9 năm 2024',
      typeLine: 'KẾ HOẠCH',
      summary: ['Tổ chức các hoạt động giáo dục năm học 2024 - 2025'],
      body: [
        'Căn cứ Quyết định số 1520/QĐ-UBND ngày 08 tháng 8 năm 2024 của Ủy ban nhân dân tỉnh Ninh Bình ban hành Kế hoạch thời gian năm học 2024 - 2025;',
        'Trường THPT Hoa Lư A xây dựng kế hoạch tổ chức các hoạt động giáo dục năm học 2024 - 2025 như sau:',
        'I. MỤC TIÊU',
        'Nâng cao chất lượng giáo dục toàn diện; phấn đấu tỷ lệ học sinh tốt nghiệp trung học phổ thông đạt 100%.',
      ],
      recipients: ['Sở GD&ĐT (b/c);', 'Các tổ chuyên môn;', 'Lưu: VT.'],
      position: ['HIỆU TRƯỞNG'],
      name: 'Vũ Thị Thu Hà',
    },
    expected: {
      type: 'ke-hoach', number: '27/KH-THPTHLA', issuer: 'TRƯỜNG THPT HOA LƯ A', issuerParent: 'SỞ GD&ĐT TỈNH NINH BÌNH',
      place: 'Ninh Bình', date: '2024-09-05', year: 2024,
      summary: 'Tổ chức các hoạt động giáo dục năm học 2024 - 2025',
      signer: 'Vũ Thị Thu Hà', signerPosition: 'HIỆU TRƯỞNG',
    },
  },
  {
    id: 'ttr-134-ubnd-moc-chau',
    format: 'pdf',
    spec: {
      left: ['ỦY BAN NHÂN DÂN', 'HUYỆN MỘC CHÂU'],
      number: 'Số: 134/TTr-UBND',
      dateLine: 'Mộc Châu, ngày 28 tháng 6 năm 2023',
      typeLine: 'TỜ TRÌNH',
      summary: ['Đề nghị thông qua Đề án phát triển du lịch huyện Mộc Châu', 'đến năm 2030'],
      body: [
        'Kính gửi: Hội đồng nhân dân huyện Mộc Châu.',
        'Căn cứ Nghị quyết số 82/NQ-CP ngày 18 tháng 5 năm 2023 của Chính phủ về các nhiệm vụ, giải pháp chủ yếu phục hồi, tăng tốc phát triển du lịch hiệu quả, bền vững; Ủy ban nhân dân huyện trình Hội đồng nhân dân huyện xem xét, thông qua Đề án phát triển du lịch huyện Mộc Châu đến năm 2030.',
      ],
      recipients: ['Như trên;', 'TT Huyện ủy;', 'Lưu: VT.'],
      position: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'],
      name: 'Lê Văn Minh',
    },
    expected: {
      type: 'to-trinh', number: '134/TTr-UBND', issuer: 'ỦY BAN NHÂN DÂN HUYỆN MỘC CHÂU', issuerParent: null,
      place: 'Mộc Châu', date: '2023-06-28', year: 2023,
      summary: 'Đề nghị thông qua Đề án phát triển du lịch huyện Mộc Châu đến năm 2030',
      signer: 'Lê Văn Minh', signerPosition: 'TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH',
    },
  },
  {
    id: 'tb-2210-pc-nam-dinh',
    format: 'docx',
    spec: {
      left: ['TỔNG CÔNG TY ĐIỆN LỰC MIỀN BẮC', 'CÔNG TY ĐIỆN LỰC NAM ĐỊNH'],
      number: 'Số: 2210/TB-PCNĐ',
      dateLine: 'Nam Định, ngày 14 tháng 11 năm 2025',
      typeLine: 'THÔNG BÁO',
      summary: ['Lịch tạm ngừng cung cấp điện tháng 12 năm 2025'],
      body: [
        'Để bảo dưỡng, sửa chữa lưới điện, Công ty Điện lực Nam Định thông báo lịch tạm ngừng cung cấp điện như sau:',
        '1. Ngày 06/12/2025, từ 07 giờ 00 đến 16 giờ 00: khu vực phường Lộc Hạ.',
        '2. Ngày 13/12/2025, từ 07 giờ 30 đến 11 giờ 30: khu vực xã Nam Phong.',
      ],
      recipients: ['UBND các phường, xã liên quan;', 'Lưu: VT, KT.'],
      position: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'],
      name: 'Ngô Quang Huy',
    },
    expected: {
      type: 'thong-bao', number: '2210/TB-PCNĐ', issuer: 'CÔNG TY ĐIỆN LỰC NAM ĐỊNH', issuerParent: 'TỔNG CÔNG TY ĐIỆN LỰC MIỀN BẮC',
      place: 'Nam Định', date: '2025-11-14', year: 2025,
      summary: 'Lịch tạm ngừng cung cấp điện tháng 12 năm 2025',
      signer: 'Ngô Quang Huy', signerPosition: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC',
    },
  },
  {
    id: 'qd-1789-ubnd-phu-yen',
    format: 'html',
    spec: {
      left: ['ỦY BAN NHÂN DÂN', 'TỈNH PHÚ YÊN'],
      number: 'Số: 1789/QĐ-UBND',
      dateLine: 'Phú Yên, ngày 30 tháng 10 năm 2024',
      typeLine: 'QUYẾT ĐỊNH',
      summary: ['Phê duyệt danh mục dự án kêu gọi đầu tư tỉnh Phú Yên năm 2025'],
      after: ['CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN'],
      body: [
        'Căn cứ Luật Đầu tư ngày 17 tháng 6 năm 2020;',
        'Theo đề nghị của Giám đốc Sở Kế hoạch và Đầu tư tại Tờ trình số 405/TTr-SKHĐT ngày 21 tháng 10 năm 2024.',
        'QUYẾT ĐỊNH:',
        'Điều 1. Phê duyệt danh mục 42 dự án kêu gọi đầu tư tỉnh Phú Yên năm 2025.',
        'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
      ],
      recipients: ['Như Điều 2;', 'CT, các PCT UBND tỉnh;', 'Lưu: VT, KT.'],
      position: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'],
      name: 'Đào Mỹ',
    },
    expected: {
      type: 'quyet-dinh', number: '1789/QĐ-UBND', issuer: 'ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN', issuerParent: null,
      place: 'Phú Yên', date: '2024-10-30', year: 2024,
      summary: 'Phê duyệt danh mục dự án kêu gọi đầu tư tỉnh Phú Yên năm 2025',
      signer: 'Đào Mỹ', signerPosition: 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH',
    },
  },
  {
    id: 'cv-876-csgt-quang-nam',
    format: 'pdf',
    spec: {
      left: ['CÔNG AN TỈNH QUẢNG NAM', 'PHÒNG CẢNH SÁT GIAO THÔNG'],
      number: 'Số: 876/CSGT-TTGT',
      dateLine: 'Quảng Nam, ngày 08 tháng 01 năm 2025',
      vv: ['V/v tăng cường bảo đảm trật tự an toàn giao thông', 'dịp Tết Nguyên đán Ất Tỵ 2025'],
      body: [
        'Kính gửi: Công an các huyện, thị xã, thành phố.',
        'Thực hiện Kế hoạch số 02/KH-CAT ngày 03/01/2025 của Công an tỉnh, Phòng Cảnh sát giao thông đề nghị Công an các đơn vị, địa phương tăng cường tuần tra, kiểm soát, xử lý vi phạm về nồng độ cồn, tốc độ trong dịp Tết Nguyên đán Ất Tỵ 2025.',
      ],
      recipients: ['Như trên;', 'Đ/c Giám đốc CAT (b/c);', 'Lưu: VT, PC08.'],
      position: ['TRƯỞNG PHÒNG'],
      name: 'Trần Minh Quang',
    },
    expected: {
      type: 'cong-van', number: '876/CSGT-TTGT', issuer: 'PHÒNG CẢNH SÁT GIAO THÔNG', issuerParent: 'CÔNG AN TỈNH QUẢNG NAM',
      place: 'Quảng Nam', date: '2025-01-08', year: 2025,
      summary: 'tăng cường bảo đảm trật tự an toàn giao thông dịp Tết Nguyên đán Ất Tỵ 2025',
      signer: 'Trần Minh Quang', signerPosition: 'TRƯỞNG PHÒNG',
    },
  },
  {
    id: 'gm-61-lhh-nghe-an',
    format: 'docx',
    spec: {
      left: ['LIÊN HIỆP CÁC HỘI KHOA HỌC', 'VÀ KỸ THUẬT TỈNH NGHỆ AN'],
      number: 'Số: 61/GM-LHH',
      dateLine: 'Nghệ An, ngày 20 tháng 3 năm 2025',
      typeLine: 'GIẤY MỜI',
      summary: ['Tham dự Hội nghị tổng kết hoạt động năm 2024'],
      body: [
        'Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Nghệ An trân trọng kính mời đại diện lãnh đạo các hội thành viên tham dự Hội nghị.',
        'Thời gian: 14 giờ 00 ngày 28 tháng 3 năm 2025.',
        'Địa điểm: Hội trường Liên hiệp hội, số 75 đường Nguyễn Thị Minh Khai, thành phố Vinh.',
      ],
      recipients: ['Như thành phần mời;', 'Lưu: VT.'],
      position: ['TM. BAN THƯỜNG VỤ', 'CHỦ TỊCH'],
      name: 'Nguyễn Đình Hùng',
    },
    expected: {
      type: 'giay-moi', number: '61/GM-LHH', issuer: 'LIÊN HIỆP CÁC HỘI KHOA HỌC VÀ KỸ THUẬT TỈNH NGHỆ AN', issuerParent: null,
      place: 'Nghệ An', date: '2025-03-20', year: 2025,
      summary: 'Tham dự Hội nghị tổng kết hoạt động năm 2024',
      signer: 'Nguyễn Đình Hùng', signerPosition: 'TM. BAN THƯỜNG VỤ / CHỦ TỊCH',
    },
  },
  {
    id: 'cv-3210-vpcp',
    format: 'txt',
    spec: {
      left: ['VĂN PHÒNG CHÍNH PHỦ'],
      number: 'Số: 3210/VPCP-KTTH',
      dateLine: 'Hà Nội, ngày 16 tháng 5 năm 2024',
      vv: ['V/v xử lý kiến nghị của Hiệp hội', 'Doanh nghiệp nhỏ và vừa Việt Nam'],
      body: [
        'Kính gửi: Bộ Kế hoạch và Đầu tư; Bộ Tài chính.',
        'Xét kiến nghị của Hiệp hội Doanh nghiệp nhỏ và vừa Việt Nam tại văn bản số 125/HHDNNVV ngày 02 tháng 5 năm 2024, Phó Thủ tướng Chính phủ Lê Minh Khái có ý kiến như sau: Giao Bộ Kế hoạch và Đầu tư chủ trì, phối hợp với Bộ Tài chính xem xét, xử lý kiến nghị theo thẩm quyền.',
        'Văn phòng Chính phủ thông báo để các cơ quan liên quan biết, thực hiện./.',
      ],
      recipients: ['Như trên;', 'TTg, PTTg Lê Minh Khái;', 'Lưu: VT, KTTH.'],
      position: ['TL. THỦ TƯỚNG', 'KT. BỘ TRƯỞNG, CHỦ NHIỆM', 'PHÓ CHỦ NHIỆM'],
      name: 'Mai Thị Thu Vân',
    },
    expected: {
      type: 'cong-van', number: '3210/VPCP-KTTH', issuer: 'VĂN PHÒNG CHÍNH PHỦ', issuerParent: null,
      place: 'Hà Nội', date: '2024-05-16', year: 2024,
      summary: 'xử lý kiến nghị của Hiệp hội Doanh nghiệp nhỏ và vừa Việt Nam',
      signer: 'Mai Thị Thu Vân', signerPosition: 'TL. THỦ TƯỚNG / KT. BỘ TRƯỞNG, CHỦ NHIỆM / PHÓ CHỦ NHIỆM',
    },
  },
];
