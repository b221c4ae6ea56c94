package com.seatkeeper.console.imports;

import com.seatkeeper.shared.DistrictId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.multipart.MultipartFile;

/**
 * The upload form: the files (multipart field {@code file}, one zip or several CSV files), whether to preview first
 * (the default) or apply at once when there are no errors, and, for the vendor admin, the district.
 */
public class UploadForm {
    private List<MultipartFile> file = new ArrayList<>();
    private boolean dryRun = true;
    private DistrictId district;

    public List<MultipartFile> getFile() {
        return file;
    }

    public void setFile(List<MultipartFile> file) {
        this.file = file == null ? new ArrayList<>() : file;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public DistrictId getDistrict() {
        return district;
    }

    public void setDistrict(DistrictId district) {
        this.district = district;
    }

    /** The parts a file was chosen for (a browser sends one empty, nameless part when none was). */
    List<MultipartFile> chosen() {
        return file.stream().filter(f -> f != null && !(f.isEmpty() && (f.getOriginalFilename() == null || f.getOriginalFilename().isBlank())))
                .toList();
    }
}
