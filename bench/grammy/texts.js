// The texts and buttons of kinerjabot's Indonesian catalogue
// (handlers/messages*.go) that the report flow shows, so that the load
// generator drives this bot and kinerjabot with the same script.

export const T = {
  askContact:
    "Selamat datang di kinerjabot 👋\n\nUntuk mendaftar, tekan tombol «📱 Kirim nomor HP saya» di bawah. " +
    "Nomor itu dicocokkan dengan data pegawai dari admin OPD Anda.\n\n" +
    "Untuk warga: survei kepuasan layanan dibuka dengan memindai kode QR di unit layanan, tanpa mendaftar.",
  shareContactButton: "📱 Kirim nomor HP saya",
  contactNotOwn: "Itu kontak orang lain. Untuk mendaftar, kirim nomor Anda sendiri dengan tombol «📱 Kirim nomor HP saya».",
  phoneInvalid: "Nomor pada kontak itu bukan nomor HP Indonesia yang dapat dikenali. Hubungi admin OPD Anda.",
  phoneUnknown: (m) =>
    `Nomor ${m} belum terdaftar di data pegawai kinerjabot.\n\n` +
    "Hubungi admin OPD / pengelola kinerja di unit Anda agar nomor HP Anda dimasukkan ke data pegawai, lalu ketik /start lagi.",
  inactive: "Data kepegawaian Anda berstatus tidak aktif. Hubungi admin OPD Anda.",
  welcome: (p) => `✅ Pendaftaran berhasil. Selamat datang, ${p.name}!\n\n${profile(p)}\n\nGunakan menu di bawah atau ketik /bantuan.`,
  menu: "Menu utama. Pilih salah satu:",
  unknownInput: "Maaf, saya tidak mengerti. Pilih dari menu di bawah atau ketik /bantuan.",
  cancelled: "Dibatalkan.",
  nothingToCancel: "Tidak ada yang sedang berjalan.",
  notRegistered: "Anda belum terdaftar.",
  rolePegawai: "Pegawai",
  roleAtasan: "Atasan (penilai kinerja)",
  roleAdmin: "Admin OPD",

  menuReport: "📝 Lapor kegiatan",
  menuFeedback: "🌟 Apresiasi",
  menuMine: "📋 Laporanku",
  menuRecap: "📊 Rekap",
  menuApprovals: "✅ Persetujuan",
  menuProfile: "👤 Profil saya",
  menuHelp: "❓ Bantuan",

  startReport: (date, step, steps) =>
    `📝 Laporan kegiatan untuk ${date}.\n\n(${step}/${steps}) Tulis uraian kegiatan Anda (10–1.000 karakter), ` +
    "misalnya: Melakukan kunjungan rumah pasien TB di RT 12 Sempaja Selatan.\n\nKetik /batal untuk berhenti.",
  askDescription: "Tulis uraian kegiatan Anda (10–1.000 karakter).",
  descLength: (n) => `Uraian harus 10 sampai 1.000 karakter (sekarang ${n}). Tulis ulang uraiannya.`,
  askDuration: (step, steps) => `(${step}/${steps}) Berapa lama kegiatan ini? Contoh: 90, 1 jam 30, 1,5 jam, atau 08.00-09.30.`,
  askOutput: (step, steps) =>
    `(${step}/${steps}) Apa hasilnya (volume dan satuan)? Contoh: 3 dokumen, 12 pasien. Tekan «Lewati» bila tidak ada.`,
  skipButton: "Lewati",
  askPhotos: (step, steps, max) =>
    `(${step}/${steps}) Kirim foto bukti dukung (minimal 1, paling banyak ${max}). ` +
    "Jangan memotret wajah pasien atau anak: foto adalah data pribadi.",
  photoAccepted: (n, max, detail) => `📷 Foto ${n} dari maksimal ${max} diterima${detail}. Kirim foto lain atau tekan «Selesai».`,
  photoDuplicate: "Foto ini sudah Anda kirim untuk laporan ini.",
  photoNotImage: "Berkas itu bukan foto. Kirim foto kegiatan (JPG atau PNG).",
  photoTooLarge: (mb) => `Foto terlalu besar (maksimal ${mb} MB). Kirim foto yang lebih kecil.`,
  photoFormat: "Format gambar itu tidak didukung. Kirim foto JPG, PNG atau WebP.",
  photoMax: (max) => `Sudah ${max} foto, batas maksimal. Lanjut ke langkah berikutnya.`,
  photoNeeded: "Laporan perlu minimal 1 foto bukti dukung. Kirim fotonya dulu.",
  doneButton: "Selesai",
  askLocation: (step, steps) => `(${step}/${steps}) Bagikan lokasi kegiatan dengan tombol «📍 Kirim lokasi», atau tekan «Lewati».`,
  shareLocation: "📍 Kirim lokasi",
  skipLocation: "Lewati",
  expectText: "Langkah ini menunggu tulisan. ",
  expectPhoto: "Langkah ini menunggu foto. Kirim foto, atau tekan «Selesai».",
  expectLocation: "Langkah ini menunggu lokasi. Tekan «📍 Kirim lokasi» atau «Lewati».",
  finishFirst: "Anda sedang mengisi laporan. Selesaikan dulu, atau ketik /batal.",
  sendButton: "✅ Kirim",
  editButton: "✏️ Ubah",
  cancelButton: "✖️ Batal",
  chooseField: "Bagian mana yang ingin diubah?",
  fields: ["Uraian", "Waktu", "Hasil", "Foto", "Lokasi"],
  sent: (no, sup) => `✅ Laporan No. ${no} terkirim ke atasan Anda, ${sup}. Anda akan diberi tahu keputusannya.`,
  sentNoSuper: (no) =>
    `✅ Laporan No. ${no} tersimpan. Atasan Anda belum tercatat di data pegawai, jadi belum ada yang dapat menyetujuinya: hubungi admin OPD.`,
  stale: "Tombol ini sudah tidak berlaku.",

  approveButton: "✅ Setujui",
  rejectButton: "❌ Tolak",
  reviseButton: "✏️ Revisi",
  verb: { approved: "✅ Disetujui", rejected: "❌ Ditolak", revision: "✏️ Diminta revisi" },
  decided: (verb, by, at) => `${verb} oleh ${by}, ${at}`,
  askReason: (verb, no) => `Tulis alasan (${verb}) untuk laporan No. ${no}. Ketik /batal untuk membatalkan keputusan.`,
  reasonLength: "Alasan harus 3 sampai 500 karakter. Tulis lagi, atau /batal.",
  decisionDone: (verb, no) => `Keputusan tercatat: ${verb} untuk laporan No. ${no}. Pemilik laporan diberi tahu beserta alasannya.`,
  notYours: "Anda bukan atasan pemilik laporan ini, jadi tidak dapat memutuskannya.",
  notFound: "Laporan itu tidak ditemukan.",
  alreadyDecided: (verb, by) => `Laporan ini sudah diputuskan: ${verb} oleh ${by}.`,
  oldVersion: "Tombol ini untuk versi lama laporan; laporan sudah diperbaiki dan dikirim ulang.",
  raceLost: "Laporan ini baru saja diputuskan dari perangkat atau oleh orang lain; keputusan Anda tidak dicatat.",
  owner: (verb, no, date, by, reason) => `Laporan No. ${no} (${date}): ${verb} oleh ${by}.` + (reason ? `\nAlasan: ${reason}` : ""),
  reviseHint: "\nBuka /laporanku untuk memperbaiki dan mengirim ulang.",
};

function profile(p) {
  return `Nama: ${p.name}\nNIP: ${p.nip}\nUnit: ${p.unit}\nJabatan: ${p.position}\nAtasan: ${p.supervisor}\nPeran: ${p.roles.join(", ")}`;
}

export function summaryText(s) {
  return (
    "Periksa laporan Anda:\n\n" +
    `📅 Tanggal: ${s.date}\n⏱ Waktu: ${s.duration}\n📝 Uraian: ${s.description}\n📦 Hasil: ${s.output || "-"}\n` +
    `🎯 Target SKP: -\n📷 Foto: ${s.photos}\n📍 Lokasi: ${s.location || "-"}`
  );
}

export function promptText(p) {
  return (
    `📝 Laporan kegiatan — No. ${p.no}\n👤 ${p.name}\nNIP ${p.nip}\n📅 ${p.date}\n⏱ ${p.duration}\n📝 ${p.description}\n` +
    `📦 Hasil: ${p.output || "-"}\n🎯 Target SKP: -\n📍 Lokasi: ${p.location || "-"}\n📷 Foto: ${p.photos}`
  );
}

// The reply keyboard after registration and after a report.
export function menuKeyboard(decides) {
  const last = [{ text: T.menuProfile }, { text: T.menuHelp }];
  if (decides) last.unshift({ text: T.menuApprovals });
  return {
    keyboard: [[{ text: T.menuReport }, { text: T.menuFeedback }], [{ text: T.menuMine }, { text: T.menuRecap }], last],
    resize_keyboard: true,
  };
}
